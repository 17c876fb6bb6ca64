public import Logging
public import ServiceLifecycle

/// Tells systemd how the process is doing: `READY=1` once `isReady` first answers yes, `WATCHDOG=1` at half
/// the watchdog interval while running, `STOPPING=1` when graceful shutdown begins. Runs in the process's
/// service group next to the services it reports on; without `NOTIFY_SOCKET` it only waits for shutdown.
public struct SystemdLifecycleService: Service {
    let notifier: SystemdNotifier
    let isReady: @Sendable () async -> Bool
    let logger: Logger

    public init(notifier: SystemdNotifier, logger: Logger, isReady: @escaping @Sendable () async -> Bool) {
        (self.notifier, self.isReady, self.logger) = (notifier, isReady, logger)
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await cancelWhenGracefulShutdown {
                while !Task.isCancelled, !(await isReady()) {
                    try? await Task.sleep(for: .milliseconds(100))
                }
                guard !Task.isCancelled else { return }
                if notifier.send("READY=1") { logger.info("systemd notified", metadata: ["state": "READY=1"]) }
                guard let interval = notifier.watchdogInterval else {
                    try? await gracefulShutdown()
                    return
                }
                while !Task.isCancelled {
                    notifier.send("WATCHDOG=1")
                    try? await Task.sleep(for: interval)
                }
            }
        } onGracefulShutdown: {
            notifier.send("STOPPING=1")
        }
    }
}
