package import Foundation
package import Logging

/// Claims due items when woken — by a notification, the sweep, the due alarm or a freed slot — never more
/// than the free slots (one while the downstream's breaker is half-open, none while it is open or the job is
/// paused), and hands each to `spawn`. It does not know what runs the items.
package struct Dispatcher<J: Job>: Sendable {
    let job: J
    let queue: any JobQueue
    let breaker: CircuitBreaker
    let alarm: DueAlarm
    let maxInFlight: Int
    let inFlight: InFlight<UUID>
    let logger: Logger
    /// How long the pause check and the claim may take before the dispatcher stops waiting for them.
    let claimDeadline: Duration

    package init(
        job: J, queue: any JobQueue, breaker: CircuitBreaker, alarm: DueAlarm, maxInFlight: Int,
        inFlight: InFlight<UUID>, logger: Logger, claimDeadline: Duration = Self.defaultClaimDeadline
    ) {
        (self.job, self.queue, self.breaker, self.alarm, self.maxInFlight, self.inFlight, self.logger) = (
            job, queue, breaker, alarm, maxInFlight, inFlight, logger
        )
        self.claimDeadline = claimDeadline
    }

    /// Handles wake-ups until the sequence ends (graceful shutdown ends it).
    package func run(
        wakeups: some AsyncSequence<Void, Never>, signal: WakeSignal, spawn: (J.Item) -> Void
    ) async {
        for await _ in wakeups {
            let claimedAll = await dispatchOnce(spawn: spawn)
            if claimedAll { signal.wake() }
        }
    }

    /// Claims once; returns `true` when every free slot was filled, so more items may be due.
    package func dispatchOnce(spawn: (J.Item) -> Void) async -> Bool {
        let free = maxInFlight - inFlight.count
        guard free > 0 else { return false }
        do {
            guard try await AnswerDeadline.run(within: claimDeadline, { await queue.isEnabled(job.kind) }) else {
                return false
            }
        } catch {
            return failed(error)
        }
        let limit: Int
        switch breaker.permit() {
        case .all: limit = free
        case .probe: limit = 1
        case .none(let retryAfter):
            alarm.schedule(after: retryAfter)
            return false
        }
        do {
            let items = try await AnswerDeadline.run(within: claimDeadline) { try await job.claim(limit: limit) }
            if items.isEmpty && limit == 1 && !breaker.isClosed { breaker.probeUnused() }
            for item in items {
                if inFlight.insert(job.lease(of: item).itemID) {
                    spawn(item)
                } else {
                    logger.warning("re-claimed an item still running here", metadata: job.logMetadata(of: item))
                }
            }
            WorkerMetrics.claimed(job: job.kind.rawValue, count: items.count)
            WorkerMetrics.inFlight(job: job.kind.rawValue, count: inFlight.count)
            if !items.isEmpty {
                logger.debug(
                    "claimed", metadata: ["job": .string(job.kind.rawValue), "count": .stringConvertible(items.count)])
            }
            return limit == free && items.count == free
        } catch {
            if limit == 1 && !breaker.isClosed { breaker.probeUnused() }
            return failed(error)
        }
    }

    /// Logs a claim that failed or did not answer, and tries again soon: the wake-up that led here is spent (a
    /// notification heard as the database came back, say), and the next sweep may be a minute away. Items an
    /// abandoned claim leased come back when their leases expire.
    private func failed(_ error: any Error) -> Bool {
        logger.error(
            "claim failed", metadata: ["job": .string(job.kind.rawValue), "error": .string(String(describing: error))])
        alarm.schedule(after: Self.claimRetryDelay)
        return false
    }

    /// How soon a failed claim is tried again.
    static var claimRetryDelay: Duration { .seconds(1) }

    /// Longer than the pause check and the claim take together while the database is unreachable (each gives up
    /// at the lease deadline, a few seconds), far shorter than the sweep.
    package static var defaultClaimDeadline: Duration { .seconds(20) }
}
