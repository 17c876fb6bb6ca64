public import Domain
public import Foundation

/// How a fenced queue write ended.
public enum QueueVerdict: Equatable, Sendable {
    /// Back in the queue, due at its new time.
    case rescheduled
    /// Parked for an operator: its horizon or its interruption budget ran out.
    case parked
    /// The claim's token no longer holds the row (the lease expired and someone else took it): nothing written.
    case leaseLost
}

/// The bookkeeping every job's queue shares — one port, one adapter, whatever the job (ADR 020). Every write
/// after a claim is fenced by the claim's lease token and clears the lease, so the item leaves the worker's
/// hands at once; times come from the database clock.
public protocol JobQueueRepository: Sendable {
    /// Extends the leases this owner still holds; returns how many were extended.
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
    func nextDue(_ job: JobKind) async throws -> Duration?

    /// Items per state and the age of the oldest due one.
    func summary(_ job: JobKind) async throws -> JobQueueSummary
    /// Items leased now, per worker.
    func inFlight(_ job: JobKind) async throws -> [WorkerLoad]
    /// The breaker each worker last reported for this job, newest report first (reports older than a day are
    /// gone).
    func breakers(_ job: JobKind) async throws -> [BreakerReport]
    /// Records this worker's breaker state for the job now, and deletes any worker's report older than a day.
    func reportBreaker(_ job: JobKind, worker: String, state: BreakerState) async throws
    /// Journaled attempts since `since`, per minute and outcome, oldest first.
    func attemptsPerMinute(_ job: JobKind, since: Date) async throws -> [AttemptCount]
    /// A page of items, optionally in one state, oldest first (parked: longest parked first).
    func items(_ job: JobKind, state: JobItemState?, page: PageRequest) async throws -> Page<JobItem>
    func item(_ job: JobKind, id: UUID) async throws -> JobItem?
    /// Items found by what an operator knows (`JobSearch`), oldest due first, at most `limit`.
    func search(_ job: JobKind, _ search: JobSearch, limit: Int) async throws -> [JobItem]
    /// An item's attempts, newest first, at most `limit`.
    func attempts(_ job: JobKind, itemID: UUID, limit: Int) async throws -> [JobAttemptRecord]
    /// Makes a parked item due now with a fresh interruption budget and infrastructure streak (business
    /// attempts start over only where exhaustion parks, `JobKind.exhaustionParks`); `false` when the item is not
    /// parked.
    func redrive(_ job: JobKind, id: UUID) async throws -> Bool

    /// Appends journal lines.
    func journal(_ records: [JobAttemptRecord]) async throws
    /// Deletes up to `limit` journal lines older than `age`; returns how many.
    func pruneJournal(olderThan age: Duration, limit: Int) async throws -> Int
}
