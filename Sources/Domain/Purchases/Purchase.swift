public import Foundation

/// A purchase at a partner merchant, accepted optimistically as `pending` with its expected cashback.
public struct Purchase: Equatable, Sendable {
    public let id: PurchaseID
    /// The submitter's idempotency key, unique within its namespace (`partnerID`).
    public let externalID: String
    public let userID: UserID
    public let merchantID: MerchantID
    public let offerID: OfferID?
    public let amount: Money
    /// The cashback computed at ingestion; zeroed by a reversal.
    public let cashbackAmount: Money
    /// As submitted (`EUR`, `eur`…), per the spec.
    public let currency: String
    public let status: PurchaseStatus
    public let createdAt: Date
    /// The partner that ingested it, whose external ids are its own (ADR 040); `nil` for a purchase a user posted
    /// for themselves, in the namespace all users share.
    public let partnerID: PartnerID?

    public init(
        id: PurchaseID, externalID: String, userID: UserID, merchantID: MerchantID, offerID: OfferID?, amount: Money,
        cashbackAmount: Money, currency: String, status: PurchaseStatus, createdAt: Date, partnerID: PartnerID? = nil
    ) {
        (
            self.id, self.externalID, self.userID, self.merchantID, self.offerID, self.amount, self.cashbackAmount,
            self.currency, self.status, self.createdAt, self.partnerID
        ) = (
            id, externalID, userID, merchantID, offerID, amount, cashbackAmount, currency, status, createdAt, partnerID
        )
    }
}

/// Identifies a `Purchase`.
public typealias PurchaseID = TypedID<Purchase>

/// The purchase state machine's states (rule R-PURCHASE-STATES, docs/rules.md).
public enum PurchaseStatus: String, Sendable, CaseIterable {
    case pending
    case confirmed
    case rejected
    case reversed
}

/// The status of a purchase's cashback transaction (rule R-CASHBACK-TX-STATES, docs/rules.md).
public enum CashbackStatus: String, Sendable, CaseIterable {
    case pending
    case available
    case reversed
}

/// A purchase with its merchant's current name, as the read endpoints show it.
public struct PurchaseView: Equatable, Sendable {
    public let purchase: Purchase
    /// `"Unknown"` when the merchant row is gone.
    public let merchantName: String
    /// The status of the purchase's cashback transaction (rule R-CASHBACK-STATUS-FIELD); `nil` only for a
    /// purchase stored without one.
    public let cashbackStatus: CashbackStatus?

    public init(purchase: Purchase, merchantName: String, cashbackStatus: CashbackStatus?) {
        (self.purchase, self.merchantName, self.cashbackStatus) = (purchase, merchantName, cashbackStatus)
    }
}

/// Everything ingestion must know about one submission, read before anything is written: an existing purchase
/// with the same external id, whether its owner may earn cashback, the merchant, and the merchant's active offers
/// valid today with what the owner already earned on each this month.
public struct IngestionContext: Equatable, Sendable {
    public let duplicate: Purchase?
    /// The owner's account exists.
    public let ownerExists: Bool
    /// The owner exists and is active.
    public let ownerActive: Bool
    public let merchant: Merchant?
    public let candidateOffers: [Offer]
    /// Cashback the user already earned this month on each candidate offer (the cap's "already earned").
    public let earnedThisMonth: [OfferID: Money]
    /// The user's wallet version when these figures were read (`nil`: no wallet yet). Recording the purchase
    /// only if the wallet is still at this version makes the cap check exact without holding a lock.
    public let walletVersion: Int64?

    public init(
        duplicate: Purchase?, ownerExists: Bool, ownerActive: Bool, merchant: Merchant?, candidateOffers: [Offer],
        earnedThisMonth: [OfferID: Money], walletVersion: Int64?
    ) {
        (
            self.duplicate, self.ownerExists, self.ownerActive, self.merchant, self.candidateOffers,
            self.earnedThisMonth, self.walletVersion
        ) = (duplicate, ownerExists, ownerActive, merchant, candidateOffers, earnedThisMonth, walletVersion)
    }
}

/// What a client submits to ingest a purchase, after schema validation.
public struct PurchaseSubmission: Equatable, Sendable {
    public let externalID: String
    public let userID: UserID
    public let merchantID: MerchantID
    public let amount: Money
    public let currency: String

    public init(externalID: String, userID: UserID, merchantID: MerchantID, amount: Money, currency: String) {
        (self.externalID, self.userID, self.merchantID, self.amount, self.currency) = (
            externalID, userID, merchantID, amount, currency
        )
    }
}

/// Filters of the admin purchase listing (exact matches; dates are inclusive UTC days).
public struct PurchaseFilter: Equatable, Sendable {
    public let status: PurchaseStatus?
    public let userID: UserID?
    public let merchantID: MerchantID?
    public let startDate: CalendarDate?
    public let endDate: CalendarDate?

    public init(
        status: PurchaseStatus?, userID: UserID?, merchantID: MerchantID?, startDate: CalendarDate?,
        endDate: CalendarDate?
    ) {
        (self.status, self.userID, self.merchantID, self.startDate, self.endDate) = (
            status, userID, merchantID, startDate, endDate
        )
    }

    /// Parses the `status` query value the way the spec does (422 `INVALID_PURCHASE_STATUS`).
    public static func status(from raw: String?) throws(PurchaseError) -> PurchaseStatus? {
        guard let raw else { return nil }
        guard let status = PurchaseStatus(rawValue: raw) else { throw .invalidStatusFilter(raw) }
        return status
    }
}
