public import Logging
public import ServiceLifecycle

/// Something that runs until graceful shutdown has drained its work.
public protocol DrainableJob: Sendable {
    func runUntilDrained() async
}

/// The worker process's service: every job runs concurrently, they all see the same graceful shutdown at
/// once, and one grace period bounds the whole drain (after it, running items are abandoned to lease expiry).
public struct WorkerDaemon: Service {
    let jobs: [any DrainableJob]
    let gracePeriod: Duration
    let logger: Logger

    public init(jobs: [any DrainableJob], gracePeriod: Duration, logger: Logger) {
        (self.jobs, self.gracePeriod, self.logger) = (jobs, gracePeriod, logger)
    }

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await withDiscardingTaskGroup { drains in
                    for job in jobs { drains.addTask { await job.runUntilDrained() } }
                }
            }
            group.addTask {
                try await gracefulShutdown()
                try await Task.sleep(for: gracePeriod)
                logger.warning("grace period over; abandoning running items to lease expiry")
            }
            _ = try await group.next()
            group.cancelAll()
        }
    }
}
