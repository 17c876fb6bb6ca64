public import Foundation

/// A merchant's cashback promise for a window of days, with a monthly cap per user.
public struct Offer: Equatable, Sendable {
    public let id: OfferID
    public let merchantID: MerchantID
    public let cashback: CashbackRule
    /// First valid day, inclusive.
    public let startDate: CalendarDate
    /// Last valid day, inclusive.
    public let endDate: CalendarDate
    public let monthlyCapPerUser: Decimal
    public let active: Bool

    public init(
        id: OfferID, merchantID: MerchantID, cashback: CashbackRule, startDate: CalendarDate,
        endDate: CalendarDate, monthlyCapPerUser: Decimal, active: Bool
    ) {
        (self.id, self.merchantID, self.cashback, self.startDate, self.endDate, self.monthlyCapPerUser, self.active) = (
            id, merchantID, cashback, startDate, endDate, monthlyCapPerUser, active
        )
    }

    /// Whether `day` falls inside the validity window (both ends inclusive).
    public func isValid(on day: CalendarDate) -> Bool { startDate <= day && day <= endDate }
}

/// Identifies an `Offer`.
public typealias OfferID = TypedID<Offer>

/// How an offer computes cashback: a percentage of the purchase, or a fixed amount per purchase.
public enum CashbackRule: Equatable, Sendable {
    case percent(Decimal)
    case fixed(Decimal)

    /// The API's `cashback_type`.
    public var type: CashbackType {
        switch self {
        case .percent: .percent
        case .fixed: .fixed
        }
    }

    /// The API's `cashback_value`.
    public var value: Decimal {
        switch self {
        case .percent(let value), .fixed(let value): value
        }
    }
}

/// The API's name for the two kinds of `CashbackRule`.
public enum CashbackType: String, Sendable, CaseIterable {
    case percent
    case fixed
}

/// An offer together with its merchant's name and activity, as the read endpoints show it.
public struct OfferListing: Equatable, Sendable {
    public let offer: Offer
    public let merchantName: String
    public let merchantActive: Bool

    public init(offer: Offer, merchantName: String, merchantActive: Bool) {
        (self.offer, self.merchantName, self.merchantActive) = (offer, merchantName, merchantActive)
    }
}
