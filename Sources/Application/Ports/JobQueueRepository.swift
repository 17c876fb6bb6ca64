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

/// Every job's queue as one port with one adapter, whatever the job (ADR 020): the worker's writes
/// (`JobQueueWrites`) and what the console and the API read. Every write after a claim is fenced by the claim's
/// lease token and clears the lease, so the item leaves the worker's hands at once; times come from the database
/// clock.
public protocol JobQueueRepository: JobQueueWrites {
    /// Items leased now, per worker.
    func inFlight(_ job: JobKind) async throws -> [WorkerLoad]
    /// The breaker each worker last reported for this job, newest report first (reports older than a day are
    /// gone).
    func breakers(_ job: JobKind) async throws -> [BreakerReport]
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
}
