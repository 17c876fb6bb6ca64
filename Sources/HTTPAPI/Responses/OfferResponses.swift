import Domain
import Foundation
import Hummingbird

/// `OfferOut`: the shape of creation and the full catalogue.
struct OfferResponse: ResponseEncodable {
    let id: String
    let merchantID: String
    let cashbackType: String
    let cashbackValue: Decimal
    let startDate: String
    let endDate: String
    let monthlyCapPerUser: Decimal
    let status: String

    init(_ offer: Offer) {
        self.id = offer.id.description
        self.merchantID = offer.merchantID.description
        self.cashbackType = offer.cashback.type.rawValue
        self.cashbackValue = offer.cashback.value
        self.startDate = offer.startDate.description
        self.endDate = offer.endDate.description
        self.monthlyCapPerUser = offer.monthlyCapPerUser
        self.status = ActivityStatus(active: offer.active).rawValue
    }

    enum CodingKeys: String, CodingKey {
        case id, status
        case merchantID = "merchant_id"
        case cashbackType = "cashback_type"
        case cashbackValue = "cashback_value"
        case startDate = "start_date"
        case endDate = "end_date"
        case monthlyCapPerUser = "monthly_cap_per_user"
    }
}

/// `ActiveOfferOut`: what users browse.
struct ActiveOfferResponse: ResponseEncodable {
    let id: String
    let merchantName: String
    let cashbackType: String
    let cashbackValue: Decimal
    let monthlyCap: Decimal
    let startDate: String
    let endDate: String

    init(_ listing: OfferListing) {
        self.id = listing.offer.id.description
        self.merchantName = listing.merchantName
        self.cashbackType = listing.offer.cashback.type.rawValue
        self.cashbackValue = listing.offer.cashback.value
        self.monthlyCap = listing.offer.monthlyCapPerUser
        self.startDate = listing.offer.startDate.description
        self.endDate = listing.offer.endDate.description
    }

    enum CodingKeys: String, CodingKey {
        case id
        case merchantName = "merchant_name"
        case cashbackType = "cashback_type"
        case cashbackValue = "cashback_value"
        case monthlyCap = "monthly_cap"
        case startDate = "start_date"
        case endDate = "end_date"
    }
}

/// `OfferDetailsOut`: one offer with its status.
struct OfferDetailsResponse: ResponseEncodable {
    let offer: ActiveOfferResponse
    let status: String

    init(_ listing: OfferListing) {
        self.offer = ActiveOfferResponse(listing)
        self.status = ActivityStatus(active: listing.offer.active).rawValue
    }

    func encode(to encoder: any Encoder) throws {
        try offer.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
    }

    enum CodingKeys: String, CodingKey { case status }
}
