public import Logging
public import ServiceLifecycle

/// The confirmation worker daemon's service. Until the dispatcher lands (its own issue) it only starts,
/// reports that it is idle, and stops cleanly on graceful shutdown.
public struct ConfirmationWorker: Service {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func run() async throws {
        logger.info("worker started; purchase confirmation is not enabled in this build")
        try? await gracefulShutdown()
        logger.info("worker stopping")
    }
}
