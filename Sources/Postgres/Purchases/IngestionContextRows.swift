import Domain
import Foundation
import PostgresNIO

/// The rows `ingestion_contexts.sql` returns for one submission, folded into its `IngestionContext`: the first
/// row gives the duplicate, the merchant, the owner's activity and wallet version; each row gives one candidate
/// offer and what the owner already earned on it.
struct IngestionContextRows {
    let merchantID: MerchantID
    private var duplicate: Purchase?
    private var merchant: Merchant?
    private var offers: [Offer] = []
    private var earned: [OfferID: Money] = [:]
    private var ownerActive: Bool?
    private var walletVersion: Int64?

    init(merchantID: MerchantID) {
        self.merchantID = merchantID
    }

    var context: IngestionContext {
        IngestionContext(
            duplicate: duplicate, ownerExists: ownerActive != nil, ownerActive: ownerActive ?? false,
            merchant: merchant, candidateOffers: offers,
            earnedThisMonth: earned, walletVersion: walletVersion)
    }

    /// Adds one row; its column 0 (the submission's position) was read by the caller.
    mutating func add(_ cells: PostgresRandomAccessRow) throws {
        ownerActive = try cells[22].decode(Bool?.self)
        walletVersion = try cells[23].decode(Int64?.self)
        if duplicate == nil, let id = try cells[1].decode(UUID?.self) {
            duplicate = try PostgresPurchaseRepository.purchase(
                (
                    id, try cells[2].decode(String.self), try cells[3].decode(UUID.self),
                    try cells[4].decode(UUID.self), try cells[5].decode(UUID?.self), try cells[6].decode(Decimal.self),
                    try cells[7].decode(Decimal.self), try cells[8].decode(String.self),
                    try cells[9].decode(String.self), try cells[10].decode(Date.self), try cells[24].decode(UUID?.self)
                ))
        }
        if merchant == nil, let id = try cells[11].decode(UUID?.self) {
            merchant = Merchant(
                id: MerchantID(id), name: try cells[12].decode(String.self),
                defaultCashbackPercentage: try cells[13].decode(Decimal.self), active: try cells[14].decode(Bool.self))
        }
        if let offerID = try cells[15].decode(UUID?.self) {
            let fixed = try cells[17].decode(Decimal?.self)
            let percentage = try cells[16].decode(Decimal.self)
            offers.append(
                Offer(
                    id: OfferID(offerID), merchantID: merchantID,
                    cashback: fixed.map(CashbackRule.fixed) ?? .percent(percentage),
                    startDate: try MalformedStoredValue.calendarDate(
                        try cells[18].decode(String.self), column: "offers.start_date"),
                    endDate: try MalformedStoredValue.calendarDate(
                        try cells[19].decode(String.self), column: "offers.end_date"),
                    monthlyCapPerUser: try cells[20].decode(Decimal.self), active: true))
            earned[OfferID(offerID)] = try MalformedStoredValue.money(
                try cells[21].decode(Decimal.self), column: "cashback_earned.amount")
        }
    }
}
