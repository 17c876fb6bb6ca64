public import Application
public import Domain
public import Logging

/// One kind of background work, as small as a handler can be: claim its items, make one attempt on one,
/// and say what exhausting its business attempts means. Everything else — slots, leases, retries, parking,
/// breakers, rate limits, the journal — is the runtime's and the queue's (ADR 011, ADR 020).
public protocol Job: Sendable {
    associatedtype Item: Sendable

    var kind: JobKind { get }
    /// Business attempts ("not yet" answers) allowed before `exhaust`.
    var maxAttempts: Int { get }

    func lease(of item: Item) -> QueueLease
    /// Fields identifying the item in log lines (for example `purchase_id`).
    func logMetadata(of item: Item) -> Logger.Metadata
    /// Leases up to `limit` due items (the claim counts itself).
    func claim(limit: Int) async throws -> [Item]
    /// One attempt: ask the downstream, apply its answer.
    func attempt(_ item: Item) async -> AttemptResult
    /// After the last business "not yet" (`attempts` made in all): decide (a purchase is rejected) or park (a
    /// payout the rail may still pay).
    func exhaust(_ item: Item, attempts: Int) async -> AttemptResult
}

/// How an attempt ended.
public enum AttemptResult: Equatable, Sendable {
    /// Done with the item; `outcome` names what happened (`confirmed`, `rejected`, `already_settled`…).
    case finished(outcome: String)
    /// A business "not yet": retry after a backoff, counted toward `maxAttempts`.
    case retry(reason: String)
    /// The downstream gave no answer: retry without counting, park past the horizon, never decide.
    case unavailable(DownstreamFailure)
    /// The outcome could not be recorded (database trouble): counted as an interruption, parked when they run
    /// out, so a confirmation is never turned into a rejection by exhaustion.
    case interrupted(reason: String)
    /// Stop trying and wait for an operator.
    case park(reason: String)

    /// The journal's and the metrics' name for it.
    var label: String {
        switch self {
        case .finished(let outcome): outcome
        case .retry: "retry"
        case .unavailable: "unavailable"
        case .interrupted: "interrupted"
        case .park: "parked"
        }
    }
}
