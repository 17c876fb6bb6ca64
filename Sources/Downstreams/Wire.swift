import Foundation

/// The bodies of the downstream contract (`docs/downstreams.openapi.json`), as they travel.
struct VerificationRequestBody: Codable, Sendable {
    let purchaseID: UUID
    let userID: UUID
    let merchantID: UUID
    let amount: String
    let currency: String
    let attempt: Int

    enum CodingKeys: String, CodingKey {
        case purchaseID = "purchase_id"
        case userID = "user_id"
        case merchantID = "merchant_id"
        case amount, currency, attempt
    }
}

struct VerificationAnswerBody: Codable, Sendable {
    enum Result: String, Codable, Sendable {
        case matched
        case notFound = "not_found"
        case refused
    }
    let result: Result
    let reason: String?
}

struct PayoutRequestBody: Codable, Sendable, Equatable {
    let payoutID: UUID
    let userID: UUID
    let amount: String

    enum CodingKeys: String, CodingKey {
        case payoutID = "payout_id"
        case userID = "user_id"
        case amount
    }
}

struct PayoutAnswerBody: Codable, Sendable, Equatable {
    enum Status: String, Codable, Sendable {
        case paid
        case refused
        case pending
    }
    let status: Status
    let reason: String?
    let reference: String?
}
