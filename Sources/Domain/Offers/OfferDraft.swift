public import Foundation

/// What an admin asks for when creating an offer, before any rule has been checked.
public struct OfferDraft: Equatable, Sendable {
    public let merchantID: MerchantID
    public let cashbackType: CashbackType
    public let cashbackValue: Decimal
    public let startDate: CalendarDate
    public let endDate: CalendarDate
    public let monthlyCap: Decimal

    public init(
        merchantID: MerchantID, cashbackType: CashbackType, cashbackValue: Decimal, startDate: CalendarDate,
        endDate: CalendarDate, monthlyCap: Decimal
    ) {
        (self.merchantID, self.cashbackType, self.cashbackValue, self.startDate, self.endDate, self.monthlyCap) = (
            merchantID, cashbackType, cashbackValue, startDate, endDate, monthlyCap
        )
    }

    /// The rule the new offer will apply.
    public var cashback: CashbackRule {
        switch cashbackType {
        case .percent: .percent(cashbackValue)
        case .fixed: .fixed(cashbackValue)
        }
    }
}
