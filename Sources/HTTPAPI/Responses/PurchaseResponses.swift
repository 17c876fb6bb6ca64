import Domain
import Foundation
import Hummingbird

/// `PurchaseOut`: ingestion, reversal and admin confirmation. Ingestion adds `cap_applied`.
struct PurchaseResponse: ResponseEncodable, Sendable {
    let id: String
    let status: String
    let cashbackAmount: String
    let capApplied: Bool?

    init(_ purchase: Purchase, capApplied: Bool?) {
        self.id = purchase.id.description
        self.status = purchase.status.rawValue
        self.cashbackAmount = purchase.cashbackAmount.description
        self.capApplied = capApplied
    }

    enum CodingKeys: String, CodingKey {
        case id, status
        case cashbackAmount = "cashback_amount"
        case capApplied = "cap_applied"
    }
}

/// `PurchaseDetailsOut` / `UserPurchaseOut`. `cashback_status` mirrors the purchase's cashback transaction
/// (rule R-CASHBACK-STATUS-FIELD, docs/rules.md).
struct PurchaseDetailsResponse: ResponseEncodable {
    let view: PurchaseView

    init(_ view: PurchaseView) { self.view = view }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let purchase = view.purchase
        try container.encode(purchase.id.description, forKey: .id)
        try container.encode(view.merchantName, forKey: .merchantName)
        try container.encode(purchase.amount.description, forKey: .amount)
        try container.encode(purchase.status.rawValue, forKey: .status)
        try container.encode(purchase.cashbackAmount.description, forKey: .cashbackAmount)
        try container.encode(view.cashbackStatus?.rawValue, forKey: .cashbackStatus)
        try container.encode(WireFormat.naiveTimestamp(purchase.createdAt), forKey: .createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, amount, status
        case merchantName = "merchant_name"
        case cashbackAmount = "cashback_amount"
        case cashbackStatus = "cashback_status"
        case createdAt = "created_at"
    }
}

/// `PurchaseAdminOut`.
struct PurchaseAdminResponse: ResponseEncodable {
    let purchase: Purchase

    init(_ purchase: Purchase) { self.purchase = purchase }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(purchase.id.description, forKey: .id)
        try container.encode(purchase.externalID, forKey: .externalID)
        try container.encode(purchase.userID.description, forKey: .userID)
        try container.encode(purchase.merchantID.description, forKey: .merchantID)
        try container.encode(purchase.offerID?.description, forKey: .offerID)
        try container.encode(purchase.amount.description, forKey: .amount)
        try container.encode(purchase.currency, forKey: .currency)
        try container.encode(purchase.status.rawValue, forKey: .status)
        try container.encode(WireFormat.naiveTimestamp(purchase.createdAt), forKey: .createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, amount, currency, status
        case externalID = "external_id"
        case userID = "user_id"
        case merchantID = "merchant_id"
        case offerID = "offer_id"
        case createdAt = "created_at"
    }
}
