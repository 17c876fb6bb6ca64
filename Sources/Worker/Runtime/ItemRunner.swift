import Foundation
public import Logging
import ServiceLifecycle

/// Drives one claimed item through its attempts: attempt, and on a soft failure persist the attempt count
/// and next time, wait (exponential backoff, full jitter), try again; after the last attempt, exhaust.
/// A graceful shutdown during a wait gives the item back; an attempt already running finishes.
public struct ItemRunner<J: Job>: Sendable {
    let job: J
    let backoff: Backoff
    let random: any RandomSource
    let logger: Logger

    public init(job: J, backoff: Backoff, random: any RandomSource, logger: Logger) {
        self.job = job
        self.backoff = backoff
        self.random = random
        self.logger = logger
    }

    public func run(_ item: J.Item) async {
        var attempts = job.priorAttempts(of: item)
        while true {
            guard attempts < job.maxAttempts else {
                log(item, attempt: attempts, result: await job.exhaust(item, attempts: attempts), duration: .zero)
                return
            }
            attempts += 1
            let started = ContinuousClock.now
            let result = await job.attempt(item, number: attempts)
            log(item, attempt: attempts, result: result, duration: ContinuousClock.now - started)
            if case .interrupted = result {
                await job.release(item)
                return
            }
            guard case .retry(let reason) = result, attempts < job.maxAttempts else {
                if case .retry = result {
                    log(item, attempt: attempts, result: await job.exhaust(item, attempts: attempts), duration: .zero)
                }
                return
            }
            let delay = backoff.delay(afterAttempt: attempts, random: random)
            guard await job.scheduleRetry(item, attempts: attempts, after: delay, reason: reason) else { return }
            guard await wait(delay) else {
                await job.release(item)
                return
            }
        }
    }

    /// Sleeps for `delay`; `false` when a graceful shutdown (or cancellation) cut the wait short.
    private func wait(_ delay: Duration) async -> Bool {
        do {
            try await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            return true
        } catch {
            return false
        }
    }

    private func log(_ item: J.Item, attempt: Int, result: AttemptResult, duration: Duration) {
        var metadata = job.logMetadata(of: item)
        metadata["job"] = .string(job.name)
        metadata["attempt"] = .stringConvertible(attempt)
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        metadata["duration_ms"] = .string(String(format: "%.2f", milliseconds))
        switch result {
        case .finished(let outcome):
            metadata["outcome"] = .string(outcome)
            WorkerMetrics.attempt(job: job.name, outcome: outcome, duration: duration)
        case .retry(let reason):
            metadata["outcome"] = "retry"
            metadata["error"] = .string(reason)
            WorkerMetrics.attempt(job: job.name, outcome: "retry", duration: duration)
        case .interrupted(let reason):
            metadata["outcome"] = "interrupted"
            metadata["error"] = .string(reason)
            WorkerMetrics.attempt(job: job.name, outcome: "interrupted", duration: duration)
        }
        logger.info("attempt", metadata: metadata)
    }
}
