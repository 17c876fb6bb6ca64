import Domain
import Foundation
import Hummingbird

/// A payout as the API shows it (contract fields plus timestamps and method).
struct PayoutResponse: ResponseEncodable {
    let payout: Payout
    let includeUser: Bool

    init(_ payout: Payout, includeUser: Bool) {
        (self.payout, self.includeUser) = (payout, includeUser)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(payout.id.description, forKey: .id)
        if includeUser { try container.encode(payout.userID.description, forKey: .userID) }
        try container.encode(payout.status.rawValue, forKey: .status)
        try container.encode(payout.amount.description, forKey: .amount)
        try container.encode(payout.method.rawValue, forKey: .method)
        try container.encode(WireFormat.utcTimestamp(payout.requestedAt), forKey: .requestedAt)
        try container.encode(payout.processedAt.map(WireFormat.utcTimestamp), forKey: .processedAt)
        try container.encode(payout.externalReference, forKey: .externalReference)
    }

    enum CodingKeys: String, CodingKey {
        case id, status, amount, method
        case userID = "user_id"
        case requestedAt = "requested_at"
        case processedAt = "processed_at"
        case externalReference = "external_reference"
    }
}

/// The contract's list body `{"payouts": [...], "total": N}` (rule R-PAYOUT-LIFECYCLE, docs/rules.md).
struct PayoutListResponse: ResponseEncodable {
    let payouts: [PayoutResponse]
    let total: Int

    init(_ page: Page<Payout>, includeUser: Bool) {
        self.payouts = page.items.map { PayoutResponse($0, includeUser: includeUser) }
        self.total = page.total
    }
}

/// `{"id", "status"}`, the answer of an admin's payout processing.
struct ProcessedPayoutResponse: ResponseEncodable {
    let id: String
    let status: String
}
