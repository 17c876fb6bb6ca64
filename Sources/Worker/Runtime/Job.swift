public import Logging

/// One kind of background work run by the generic runtime (dispatcher, runners, lease keeper): purchase
/// verification and payout settlement are both jobs. The runtime knows nothing else about them.
public protocol Job: Sendable {
    associatedtype Item: Sendable
    associatedtype ItemID: Hashable & Sendable

    /// For logs (`job` field).
    var name: String { get }
    var maxAttempts: Int { get }

    func id(of item: Item) -> ItemID
    /// Attempts made before this claim (persisted).
    func priorAttempts(of item: Item) -> Int
    /// Fields identifying the item in log lines (for example `purchase_id`).
    func logMetadata(of item: Item) -> Logger.Metadata

    /// Whether claiming is allowed now (a feature flag may pause the job).
    func isEnabled() async -> Bool
    /// Leases up to `limit` due items.
    func claim(limit: Int) async throws -> [Item]
    /// Extends the leases of the items this process holds.
    func renewLeases(of ids: [ItemID]) async throws
    /// One attempt: ask the outside world, apply the answer.
    func attempt(_ item: Item, number: Int) async -> AttemptResult
    /// Persists a failed attempt and when to retry; `false` when the lease is gone.
    func scheduleRetry(_ item: Item, attempts: Int, after delay: Duration, reason: String) async -> Bool
    /// The final step after the last failed attempt (force-reject, fail the payout…).
    func exhaust(_ item: Item, attempts: Int) async -> AttemptResult
    /// Gives the item back without counting an attempt (graceful shutdown).
    func release(_ item: Item) async
}

/// How an attempt ended.
public enum AttemptResult: Equatable, Sendable {
    /// Done with the item; `outcome` names what happened (`confirmed`, `rejected`, `already_settled`…).
    case finished(outcome: String)
    /// A soft failure: retry after a backoff, unless the attempts are exhausted.
    case retry(reason: String)
    /// The outside answer could not be recorded (database trouble): give the item back without counting an
    /// attempt, so a confirmed verification is never turned into a rejection by exhaustion.
    case interrupted(reason: String)
}
