public import Application
import Foundation
public import Logging
public import ServiceLifecycle

/// Runs one job: LISTEN wake-ups, the sweep, the due alarm, the dispatcher, one child task per claimed item,
/// the lease keeper, the journal writer and the queue sampler — all in one task group (structured
/// concurrency, no detached tasks). On graceful shutdown it stops claiming, lets running attempts finish,
/// writes the journal and gives up after the grace period.
public struct JobRuntime<J: Job>: DrainableJob, Service {
    /// The runtime's knobs (documented with their settings in `WorkerSettings`).
    public struct Configuration: Sendable {
        public let workerID: String
        public let maxInFlight: Int
        public let sweepInterval: Duration
        public let leaseDuration: Duration
        public let retry: RetryPolicy
        public let gracePeriod: Duration
        public let journalRetention: Duration
        public let queueMetricsInterval: Duration

        public init(
            workerID: String, maxInFlight: Int, sweepInterval: Duration, leaseDuration: Duration, retry: RetryPolicy,
            gracePeriod: Duration, journalRetention: Duration = .seconds(7 * 86_400),
            queueMetricsInterval: Duration = .seconds(15)
        ) {
            (
                self.workerID, self.maxInFlight, self.sweepInterval, self.leaseDuration, self.retry, self.gracePeriod,
                self.journalRetention, self.queueMetricsInterval
            ) = (
                workerID, maxInFlight, sweepInterval, leaseDuration, retry, gracePeriod, journalRetention,
                queueMetricsInterval
            )
        }
    }

    let job: J
    let queue: any JobQueue
    let breaker: CircuitBreaker
    let rateLimit: SharedRateLimit?
    let configuration: Configuration
    let notifications: (any NotificationSource)?
    let random: any RandomSource
    let logger: Logger

    public init(
        job: J, queue: any JobQueue, breaker: CircuitBreaker, rateLimit: SharedRateLimit? = nil,
        configuration: Configuration, notifications: (any NotificationSource)?,
        random: any RandomSource = SystemRandomSource(), logger: Logger
    ) {
        (
            self.job, self.queue, self.breaker, self.rateLimit, self.configuration, self.notifications, self.random,
            self.logger
        ) = (job, queue, breaker, rateLimit, configuration, notifications, random, logger)
    }

    /// Runs this job alone under its own grace period (the worker process runs its jobs in a `WorkerDaemon`).
    public func run() async throws {
        try await WorkerDaemon(jobs: [self], gracePeriod: configuration.gracePeriod, logger: logger).run()
    }

    /// Everything until graceful shutdown has drained every runner.
    public func runUntilDrained() async {
        let name = job.kind.rawValue
        logger.info(
            "job started",
            metadata: ["job": .string(name), "max_in_flight": .stringConvertible(configuration.maxInFlight)])
        let signal = WakeSignal()
        let alarm = DueAlarm()
        let journal = AttemptJournal()
        let inFlight = InFlight<UUID>()
        let dispatcher = Dispatcher(
            job: job, queue: queue, breaker: breaker, alarm: alarm, maxInFlight: configuration.maxInFlight,
            inFlight: inFlight, logger: logger)
        let runner = ItemRunner(
            job: job, queue: queue, policy: configuration.retry, breaker: breaker, rateLimit: rateLimit, alarm: alarm,
            leaseDuration: configuration.leaseDuration, journal: journal, workerID: configuration.workerID,
            random: random, logger: logger)
        await withDiscardingTaskGroup { group in
            group.addTask { await background(signal: signal, alarm: alarm, journal: journal, inFlight: inFlight) }
            signal.wake()
            await dispatcher.run(wakeups: signal.wakeups.cancelOnGracefulShutdown(), signal: signal) { item in
                group.addTask {
                    await runner.run(item)
                    inFlight.remove(job.lease(of: item).itemID)
                    WorkerMetrics.inFlight(job: name, count: inFlight.count)
                    signal.wake()
                }
            }
        }
        await write(journal)
        logger.info("job stopped", metadata: ["job": .string(name)])
    }

    /// Sweep ticks, the due alarm, notifications, lease renewal, the journal and the queue figures, until
    /// graceful shutdown.
    private func background(signal: WakeSignal, alarm: DueAlarm, journal: AttemptJournal, inFlight: InFlight<UUID>)
        async
    {
        await withDiscardingTaskGroup { group in
            group.addTask {
                await every(configuration.sweepInterval) {
                    signal.wake()
                    if let due = try? await queue.nextDue(job.kind) { alarm.schedule(after: due) }
                }
            }
            group.addTask { await every(DueAlarm.resolution) { if alarm.fire() { signal.wake() } } }
            group.addTask {
                await every(configuration.leaseDuration / 3) {
                    do {
                        try await queue.renew(
                            job.kind, owner: configuration.workerID, ids: inFlight.snapshot,
                            lease: configuration.leaseDuration)
                    } catch {
                        WorkerMetrics.leaseRenewalFailed(job: job.kind.rawValue)
                        logger.error("lease renewal failed", metadata: ["error": .string(String(describing: error))])
                    }
                }
            }
            group.addTask { await every(.seconds(1)) { await write(journal) } }
            group.addTask { await every(.seconds(3600)) { await prune() } }
            group.addTask {
                await reportBreaker()
                await every(Self.breakerReportInterval) { await reportBreaker() }
            }
            group.addTask {
                await every(configuration.queueMetricsInterval) {
                    if let summary = try? await queue.summary(job.kind) { WorkerMetrics.queue(summary) }
                }
            }
            if let notifications {
                group.addTask {
                    try? await cancelWhenGracefulShutdown { try await notifications.listen { signal.wake() } }
                }
            }
        }
    }

    /// Runs `tick` every `interval` until graceful shutdown.
    private func every(_ interval: Duration, _ tick: () async -> Void) async {
        while (try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }) != nil {
            await tick()
        }
    }

    private func write(_ journal: AttemptJournal) async {
        let records = journal.drain()
        guard !records.isEmpty else { return }
        do {
            try await queue.journal(records)
        } catch {
            journal.restore(records)
            logger.error("journal write failed", metadata: ["error": .string(String(describing: error))])
        }
    }

    /// How often the breaker's state is written for the console: a transition shows within this long.
    static var breakerReportInterval: Duration { .seconds(5) }

    private func reportBreaker() async {
        do {
            try await queue.reportBreaker(job.kind, worker: configuration.workerID, state: breaker.state)
        } catch {
            logger.debug("breaker report failed", metadata: ["error": .string(String(describing: error))])
        }
    }

    /// Deletes journal lines past their retention, ten thousand at a time.
    private func prune() async {
        while let deleted = try? await queue.pruneJournal(olderThan: configuration.journalRetention, limit: 10_000),
            deleted == 10_000
        {}
    }
}
