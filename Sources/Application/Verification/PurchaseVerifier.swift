public import Domain

/// The bank's answer for one verification attempt (domain spec §12).
public enum VerificationDisposition: Equatable, Sendable {
    case confirmed
    /// A hard decline: reject now.
    case rejected(reason: String)
    /// A soft failure: try again later, until the attempts run out.
    case pending(reason: String)
}

/// Asks the bank whether a purchase's money arrived: a strategy, so the simulated bank can be swapped.
public protocol PurchaseVerifier: Sendable {
    func verify(purchaseID: PurchaseID, merchantID: MerchantID, attempt: Int) async -> VerificationDisposition
}

/// What the payment rail did with a payout.
public enum RailOutcome: Equatable, Sendable {
    case completed
    case failed(reason: String)
    /// Transient trouble: try again later.
    case retry(reason: String)
}

/// Sends payouts to the bank or card network: a strategy, simulated by default.
public protocol PaymentRail: Sendable {
    func send(payoutID: PayoutID, attempt: Int) async -> RailOutcome
}
