public import Domain
public import Foundation

/// The writes and reads that run a job's queue, the same for every job (ADR 020): renewing leases, ending an
/// attempt (each fenced by the claim's lease token), the next due time, the counts, the journal and the breaker
/// reports. The repository implements them on one connection; the worker's `JobQueue` over a unit of work.
public protocol JobQueueWrites: Sendable {
    /// Extends the leases this owner still holds; returns how many were extended.
    @discardableResult
    func renew(_ job: JobKind, owner: String, ids: [UUID], lease: Duration) async throws -> Int
    /// A business "not yet": counts an attempt, ends any infrastructure streak, due after `delay`.
    func retryBusiness(_ job: JobKind, _ lease: QueueLease, after delay: Duration, message: String) async throws
        -> QueueVerdict
    /// An infrastructure failure: counts no attempt; starts the failure streak if none; parks the item instead
    /// when the streak is older than `horizon`.
    func retryInfrastructure(
        _ job: JobKind, _ lease: QueueLease, after delay: Duration, failure: DownstreamFailure, horizon: Duration
    ) async throws -> QueueVerdict
    /// The outcome could not be recorded: counts an interruption, due after `delay`; parks at
    /// `maxInterruptions` in a row.
    func interrupt(_ job: JobKind, _ lease: QueueLease, after delay: Duration, message: String, maxInterruptions: Int)
        async throws -> QueueVerdict
    /// Gives the item back, due after `delay`, counting nothing (graceful shutdown, a full rate limit).
    func release(_ job: JobKind, _ lease: QueueLease, after delay: Duration) async throws
    /// Parks the item now (an exhausted payout, an item claimed past its interruption budget).
    func park(_ job: JobKind, _ lease: QueueLease, failure: FailureClass, message: String) async throws
        -> QueueVerdict
    /// How long until the earliest unparked, unleased item is due (zero if one is due now); `nil` when none.
    /// Run it in `UnitOfWork.transaction`, as a claim (ADR 043).
    func nextDue(_ job: JobKind) async throws -> Duration?
    /// Items per state and the age of the oldest due one.
    func summary(_ job: JobKind) async throws -> JobQueueSummary
    /// Records this worker's breaker state for the job now, and deletes any worker's report older than a day.
    func reportBreaker(_ job: JobKind, worker: String, state: BreakerState) async throws
    /// Appends journal lines.
    func journal(_ records: [JobAttemptRecord]) async throws
    /// Deletes up to `limit` journal lines older than `age`; returns how many.
    func pruneJournal(olderThan age: Duration, limit: Int) async throws -> Int
}
