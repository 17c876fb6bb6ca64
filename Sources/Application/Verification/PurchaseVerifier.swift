public import Domain

/// The bank's answer for one verification attempt (rule R-VERIFICATION, docs/rules.md), or why there was none.
public enum VerificationDisposition: Equatable, Sendable {
    /// A matching movement was found: confirm.
    case confirmed
    /// A definitive refusal: reject now.
    case rejected(reason: String)
    /// No matching movement yet: a business retry, counted toward the attempt limit.
    case pending(reason: String)
    /// No answer (timeout, connection, 5xx, 429, unreadable): an infrastructure failure that decides nothing.
    case unavailable(DownstreamFailure)
}

/// Asks the bank whether a purchase's money arrived: a port, implemented over HTTP (and faked in tests).
public protocol PurchaseVerifier: Sendable {
    func verify(_ purchase: ClaimedVerification) async -> VerificationDisposition
}

/// What the payment rail did with a payout, or why it could not say.
public enum RailOutcome: Equatable, Sendable {
    case completed
    /// A definitive refusal: the payout fails and the user is refunded.
    case failed(reason: String)
    /// Accepted but not final yet: a business retry, counted toward the payout's attempt limit.
    case retry(reason: String)
    /// No answer: an infrastructure failure that decides nothing.
    case unavailable(DownstreamFailure)
}

/// Sends payouts to the bank or card network: a port, implemented over HTTP (and faked in tests). Every call
/// for one payout carries the same idempotency key, so the rail pays once however often it is called.
public protocol PaymentRail: Sendable {
    func send(_ payout: ClaimedPayout) async -> RailOutcome
}
