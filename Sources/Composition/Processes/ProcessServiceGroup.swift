public import Logging
public import ServiceLifecycle

/// The service group every long-running process runs in: graceful shutdown on SIGTERM/SIGINT, and a bound on
/// it, so a stop never hangs (a dependency stuck in shutdown — a pool whose server vanished meanwhile — is
/// cancelled after `graceful`, and the process crashes `cancellation` later rather than living on).
public enum ProcessServiceGroup {
    public static func make(
        services: [ServiceGroupConfiguration.ServiceConfiguration], graceful: Duration,
        cancellation: Duration = .seconds(5), logger: Logger
    ) -> ServiceGroup {
        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = graceful
        configuration.maximumCancellationDuration = cancellation
        return ServiceGroup(configuration: configuration)
    }
}
