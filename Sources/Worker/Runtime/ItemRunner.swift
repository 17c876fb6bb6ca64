import Application
import Domain
import Foundation
package import Logging
import ServiceLifecycle

/// Makes one attempt on one claimed item and puts the item where its result says — finished, back in the
/// queue with a due time, or parked — then ends, freeing its slot at once. No runner ever sleeps through a
/// backoff; the only wait is for a rate-limit slot, which is bounded and given up on graceful shutdown.
package struct ItemRunner<J: Job>: Sendable {
    let job: J
    let queue: any JobQueue
    let policy: RetryPolicy
    let breaker: CircuitBreaker
    let rateLimit: SharedRateLimit?
    let alarm: DueAlarm
    /// How long a claim holds its item: when a write that would hand the item back fails, the item becomes
    /// claimable again once its lease runs out, and the alarm is set for then (`afterTheLease`).
    let leaseDuration: Duration
    let journal: AttemptJournal
    let workerID: String
    let random: any RandomSource
    let logger: Logger

    package init(
        job: J, queue: any JobQueue, policy: RetryPolicy, breaker: CircuitBreaker, rateLimit: SharedRateLimit?,
        alarm: DueAlarm, leaseDuration: Duration, journal: AttemptJournal, workerID: String, random: any RandomSource,
        logger: Logger
    ) {
        (
            self.job, self.queue, self.policy, self.breaker, self.rateLimit, self.alarm, self.leaseDuration,
            self.journal, self.workerID, self.random, self.logger
        ) = (job, queue, policy, breaker, rateLimit, alarm, leaseDuration, journal, workerID, random, logger)
    }

    package func run(_ item: J.Item) async {
        let lease = job.lease(of: item)
        let started = Date()
        let clock = ContinuousClock.now
        let result: AttemptResult
        if lease.interruptions >= policy.maxInterruptions {
            result = .park(reason: "\(lease.interruptions) attempts in a row were interrupted or crashed")
        } else if lease.attempts >= job.maxAttempts {
            result = await job.exhaust(item, attempts: lease.attempts)
        } else {
            guard await admitted(item, lease) else { return }
            result = await job.attempt(item)
            switch result {
            case .unavailable: breaker.recordFailure()
            case .interrupted: break
            case .finished, .retry, .park: breaker.recordAnswer()
            }
        }
        await conclude(item, lease, result, started: started, duration: ContinuousClock.now - clock)
    }

    /// Waits for a rate-limit slot if there is a limit; `false` (the item is back in the queue) when the slot
    /// is too far away, the reservation failed, the call could not start in time for its slot, or a graceful
    /// shutdown came first.
    private func admitted(_ item: J.Item, _ lease: QueueLease) async -> Bool {
        guard let rateLimit, rateLimit.callsPerSecond > 0 else { return true }
        let wait: Duration?
        do {
            wait = try await queue.reserve(
                rateLimit.downstream, interval: rateLimit.interval, maxWait: rateLimit.maxWait)
        } catch {
            logger.error("rate-limit reservation failed", metadata: metadata(item, error: error))
            await putBack(item, lease, after: rateLimit.maxWait)
            return false
        }
        guard let wait else {
            WorkerMetrics.rateLimited(downstream: rateLimit.downstream)
            await putBack(item, lease, after: rateLimit.maxWait)
            return false
        }
        WorkerMetrics.rateLimitWait(downstream: rateLimit.downstream, wait)
        // The database measured the wait after its row lock, which many runners queue for: counted from the
        // answer, a call is never early for its slot (early calls bunch as much as late ones).
        let slot = ContinuousClock.now + wait
        if slot > ContinuousClock.now {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(until: slot, clock: .continuous) }
            } catch {
                await putBack(item, lease, after: .zero)
                return false
            }
        }
        guard ContinuousClock.now - slot <= rateLimit.lateness else {
            WorkerMetrics.rateLimitSlotMissed(downstream: rateLimit.downstream)
            await putBack(item, lease, after: rateLimit.interval)
            return false
        }
        return true
    }

    /// When an item whose hand-back failed is claimable again: its lease's length from now, plus a second for a
    /// renewal that lands after the failed write, while the item is still counted as held here.
    private var afterTheLease: Duration { leaseDuration + .seconds(1) }

    private func putBack(_ item: J.Item, _ lease: QueueLease, after delay: Duration) async {
        do {
            try await queue.release(job.kind, lease, after: delay)
            alarm.schedule(after: delay)
        } catch {
            logger.error("release failed", metadata: metadata(item, error: error))
            alarm.schedule(after: afterTheLease)
        }
    }

    /// Writes where the item goes next; a failed write leaves the lease to expire (the alarm wakes the dispatcher
    /// then, not the next sweep), and the next claim counts the attempt as crashed.
    private func conclude(
        _ item: J.Item, _ lease: QueueLease, _ result: AttemptResult, started: Date, duration: Duration
    ) async {
        var failure: FailureClass?
        var message: String?
        var verdict = QueueVerdict.rescheduled
        do {
            switch result {
            case .finished:
                break
            case .retry(let reason):
                (failure, message) = (.business, reason)
                if lease.attempts + 1 >= job.maxAttempts {
                    await conclude(
                        item, lease.spending(), await job.exhaust(item, attempts: lease.attempts + 1), started: started,
                        duration: duration)
                    return
                }
                let delay = policy.business.delay(afterAttempt: lease.attempts + 1, random: random)
                verdict = try await queue.retryBusiness(job.kind, lease, after: delay, message: reason)
                alarm.schedule(after: delay)
            case .unavailable(let downstream):
                (failure, message) = (downstream.failureClass, downstream.message)
                let streak = max(lease.claims - lease.attempts, 1)
                let delay = policy.infrastructure.delay(afterAttempt: streak, random: random)
                verdict = try await queue.retryInfrastructure(
                    job.kind, lease, after: delay, failure: downstream, horizon: policy.horizon)
                alarm.schedule(after: delay)
            case .interrupted(let reason):
                (failure, message) = (.interrupted, reason)
                let delay = policy.infrastructure.delay(afterAttempt: lease.interruptions + 1, random: random)
                verdict = try await queue.interrupt(
                    job.kind, lease, after: delay, message: reason, maxInterruptions: policy.maxInterruptions)
                alarm.schedule(after: delay)
            case .park(let reason):
                (failure, message) = (lease.interruptions >= policy.maxInterruptions ? .crashed : .business, reason)
                verdict = try await queue.park(job.kind, lease, failure: failure ?? .business, message: reason)
            }
        } catch {
            logger.error("queue write failed", metadata: metadata(item, error: error))
            alarm.schedule(after: afterTheLease)
        }
        if verdict == .parked { WorkerMetrics.parked(job: job.kind.rawValue) }
        let outcome = verdict == .parked ? "parked" : verdict == .leaseLost ? "lease_lost" : result.label
        journal.append(
            JobAttemptRecord(
                job: job.kind, itemID: lease.itemID, attempt: max(lease.claims, 1), worker: workerID,
                startedAt: started, durationMilliseconds: duration.milliseconds, outcome: outcome,
                errorClass: failure, message: message))
        log(item, lease, outcome: outcome, failure: failure, message: message, duration: duration)
    }

    private func log(
        _ item: J.Item, _ lease: QueueLease, outcome: String, failure: FailureClass?, message: String?,
        duration: Duration
    ) {
        var metadata = job.logMetadata(of: item)
        metadata["job"] = .string(job.kind.rawValue)
        metadata["attempt"] = .stringConvertible(lease.claims)
        metadata["duration_ms"] = .string(duration.millisecondsText)
        metadata["outcome"] = .string(outcome)
        if let failure { metadata["error_class"] = .string(failure.rawValue) }
        if let message { metadata["error"] = .string(message) }
        WorkerMetrics.attempt(job: job.kind.rawValue, outcome: outcome, duration: duration)
        logger.info("attempt", metadata: metadata)
    }

    private func metadata(_ item: J.Item, error: any Error) -> Logger.Metadata {
        var metadata = job.logMetadata(of: item)
        metadata["job"] = .string(job.kind.rawValue)
        metadata["error"] = .string(String(describing: error))
        return metadata
    }

}

extension QueueLease {
    /// The same lease with this attempt's business "not yet" counted (for the exhaustion that follows it).
    func spending() -> QueueLease {
        QueueLease(itemID: itemID, token: token, attempts: attempts + 1, claims: claims, interruptions: interruptions)
    }
}
