public import Application
public import Domain
public import Foundation

/// What the runtime needs from a job's queue besides the claim: the fenced writes that end an attempt, the
/// pause flag, the journal and the figures. `DatabaseJobQueue` is the one implementation; tests fake it.
public protocol JobQueue: Sendable {
    /// Whether claiming is allowed now (the job's pause flag; fail-open).
    func isEnabled(_ job: JobKind) async -> Bool
    func renew(_ job: JobKind, owner: String, ids: [UUID], lease: Duration) async throws
    func retryBusiness(_ job: JobKind, _ lease: QueueLease, after delay: Duration, message: String) async throws
        -> QueueVerdict
    func retryInfrastructure(
        _ job: JobKind, _ lease: QueueLease, after delay: Duration, failure: DownstreamFailure, horizon: Duration
    ) async throws -> QueueVerdict
    func interrupt(_ job: JobKind, _ lease: QueueLease, after delay: Duration, message: String, maxInterruptions: Int)
        async throws -> QueueVerdict
    func release(_ job: JobKind, _ lease: QueueLease, after delay: Duration) async throws
    func park(_ job: JobKind, _ lease: QueueLease, failure: FailureClass, message: String) async throws
        -> QueueVerdict
    func nextDue(_ job: JobKind) async throws -> Duration?
    func summary(_ job: JobKind) async throws -> JobQueueSummary
    func journal(_ records: [JobAttemptRecord]) async throws
    /// Tells operators where this worker's breaker for the job stands (the console's Queues page).
    func reportBreaker(_ job: JobKind, worker: String, state: BreakerState) async throws
    func pruneJournal(olderThan age: Duration, limit: Int) async throws -> Int
    /// A slot in the shared rate limit of `downstream` (see `DownstreamRateLimitRepository`).
    func reserve(_ downstream: Downstream, interval: Duration, maxWait: Duration) async throws -> Duration?
}
