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
