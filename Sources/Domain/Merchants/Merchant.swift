public import Foundation

/// A partner shop whose offers earn cashback.
public struct Merchant: Equatable, Sendable {
    public let id: MerchantID
    public let name: String
    /// Stored and shown, never used in a calculation (rule R-MERCHANT-DEFAULT-RATE, docs/rules.md).
    public let defaultCashbackPercentage: Decimal
    public let active: Bool

    public init(id: MerchantID, name: String, defaultCashbackPercentage: Decimal, active: Bool) {
        (self.id, self.name, self.defaultCashbackPercentage, self.active) = (
            id, name, defaultCashbackPercentage, active
        )
    }
}

/// Identifies a `Merchant`.
public typealias MerchantID = TypedID<Merchant>

/// The admin-settable activity of a merchant or an offer, as the API names it.
public enum ActivityStatus: String, Sendable, CaseIterable {
    case active
    case inactive

    public init(active: Bool) { self = active ? .active : .inactive }
    public var isActive: Bool { self == .active }
}
