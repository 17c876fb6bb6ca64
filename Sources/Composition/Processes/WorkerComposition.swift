public import Logging
import Postgres
import PostgresNIO
public import ServiceLifecycle
import Worker

/// The composition root of `clicknback worker`.
public enum WorkerComposition {
    /// The worker's services (database pool, confirmation worker) in one group that stops on SIGTERM/SIGINT.
    public static func serviceGroup(settings: Settings, logger: Logger) throws -> ServiceGroup {
        let client = PostgresClient(
            configuration: try DatabaseURL.configuration(settings.databaseURL, poolSize: 4), backgroundLogger: logger)
        return ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: client),
                    .init(
                        service: ConfirmationWorker(logger: logger),
                        successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
    }
}
