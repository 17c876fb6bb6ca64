/// The worker's kinds of background work. Each has its own queue table, its own pause flag and its own
/// downstream; operators name them in the admin API and the CLI.
public enum JobKind: String, CaseIterable, Sendable, Codable {
    case purchaseConfirmation = "purchase_confirmation"
    case payoutSettlement = "payout_settlement"

    /// The global feature flag that pauses claiming while it is disabled.
    public var pauseFlag: FeatureFlagKey {
        switch self {
        case .purchaseConfirmation: .purchaseConfirmationJob
        case .payoutSettlement: .payoutSettlementJob
        }
    }

    /// Exhausting the business attempts parks the item (a payout whose rail never gave a final answer) instead
    /// of deciding it (a purchase is rejected). A redrive of such an item starts its business attempts over; a
    /// purchase keeps its count, so a redrive is not a fresh set of chances to reject it.
    public var exhaustionParks: Bool { self == .payoutSettlement }

    /// The network service the job calls: the key of its breaker and of its shared rate limit.
    public var downstream: Downstream {
        switch self {
        case .purchaseConfirmation: .bank
        case .payoutSettlement: .rail
        }
    }
}

/// A network service the worker depends on.
public enum Downstream: String, CaseIterable, Sendable {
    case bank
    case rail
}

/// Where a queue item stands, as operators see it. `running` is leased now; `retrying` waits for a later due
/// time after a failed attempt; `due` may be claimed now; `parked` waits for an operator's redrive.
public enum JobItemState: String, CaseIterable, Sendable, Codable {
    case due
    case running
    case retrying
    case parked
}
