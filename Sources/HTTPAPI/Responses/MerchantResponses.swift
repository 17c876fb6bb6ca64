import Application
import Domain
import Foundation
import Hummingbird

/// A merchant as the API shows it.
struct MerchantResponse: ResponseEncodable {
    let name: String
    let defaultCashbackPercentage: Decimal
    let active: Bool
    let id: String

    init(_ merchant: Merchant) {
        self.name = merchant.name
        self.defaultCashbackPercentage = merchant.defaultCashbackPercentage
        self.active = merchant.active
        self.id = merchant.id.description
    }

    enum CodingKeys: String, CodingKey {
        case name, active, id
        case defaultCashbackPercentage = "default_cashback_percentage"
    }
}

/// `{"id", "status"}`, the answer of the activation endpoints.
struct StatusResponse: ResponseEncodable {
    let id: String
    let status: ActivityStatus
}
