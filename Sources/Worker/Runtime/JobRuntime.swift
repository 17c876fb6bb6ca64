public import Application
public import Logging
public import ServiceLifecycle

/// Runs one job: LISTEN wake-ups, a periodic sweep, the dispatcher, one child task per claimed item, and the
/// lease keeper — all in one task group (structured concurrency, no detached tasks). On graceful shutdown it
/// stops claiming, lets running attempts finish, gives waiting items back, and gives up after the grace period.
public struct JobRuntime<J: Job>: DrainableJob, Service {
    /// The runtime's knobs (documented with their settings in `WorkerSettings`).
    public struct Configuration: Sendable {
        public let maxInFlight: Int
        public let sweepInterval: Duration
        public let leaseDuration: Duration
        public let backoff: Backoff
        public let gracePeriod: Duration

        public init(
            maxInFlight: Int, sweepInterval: Duration, leaseDuration: Duration, backoff: Backoff, gracePeriod: Duration
        ) {
            self.maxInFlight = maxInFlight
            self.sweepInterval = sweepInterval
            self.leaseDuration = leaseDuration
            self.backoff = backoff
            self.gracePeriod = gracePeriod
        }
    }

    let job: J
    let configuration: Configuration
    let notifications: (any NotificationSource)?
    let random: any RandomSource
    let logger: Logger

    public init(
        job: J, configuration: Configuration, notifications: (any NotificationSource)?,
        random: any RandomSource = SystemRandomSource(), logger: Logger
    ) {
        self.job = job
        self.configuration = configuration
        self.notifications = notifications
        self.random = random
        self.logger = logger
    }

    /// Runs this job alone under its own grace period (the worker process runs its jobs in a `WorkerDaemon`).
    public func run() async throws {
        try await WorkerDaemon(jobs: [self], gracePeriod: configuration.gracePeriod, logger: logger).run()
    }

    /// Everything until graceful shutdown has drained every runner.
    public func runUntilDrained() async {
        logger.info(
            "job started",
            metadata: ["job": .string(job.name), "max_in_flight": .stringConvertible(configuration.maxInFlight)])
        defer { logger.info("job stopped", metadata: ["job": .string(job.name)]) }
        let signal = WakeSignal()
        let inFlight = InFlight<J.ItemID>()
        let dispatcher = Dispatcher(
            job: job, maxInFlight: configuration.maxInFlight, inFlight: inFlight, logger: logger)
        let runner = ItemRunner(job: job, backoff: configuration.backoff, random: random, logger: logger)
        await withDiscardingTaskGroup { group in
            group.addTask { await background(signal: signal, inFlight: inFlight) }
            signal.wake()
            await dispatcher.run(wakeups: signal.wakeups.cancelOnGracefulShutdown(), signal: signal) { item in
                group.addTask {
                    await runner.run(item)
                    inFlight.remove(job.id(of: item))
                    WorkerMetrics.inFlight(job: job.name, count: inFlight.count)
                    signal.wake()
                }
            }
        }
    }

    /// Sweep ticks, notifications and lease renewal, until graceful shutdown.
    private func background(signal: WakeSignal, inFlight: InFlight<J.ItemID>) async {
        await withDiscardingTaskGroup { group in
            group.addTask {
                while (try? await cancelWhenGracefulShutdown { try await Task.sleep(for: configuration.sweepInterval) })
                    != nil
                {
                    signal.wake()
                }
            }
            group.addTask {
                while (try? await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: configuration.leaseDuration / 3)
                }) != nil {
                    do {
                        try await job.renewLeases(of: inFlight.snapshot)
                    } catch {
                        WorkerMetrics.leaseRenewalFailed(job: job.name)
                        logger.error("lease renewal failed", metadata: ["error": .string(String(describing: error))])
                    }
                }
            }
            if let notifications {
                group.addTask {
                    try? await cancelWhenGracefulShutdown { try await notifications.listen { signal.wake() } }
                }
            }
        }
    }
}
