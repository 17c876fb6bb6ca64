public import Domain

/// Stores offers and answers the catalogue queries.
public protocol OfferRepository: Sendable {
    func insert(_ offer: Offer) async throws
    func hasActiveOffer(merchantID: MerchantID) async throws -> Bool
    func find(id: OfferID) async throws -> OfferListing?
    func list(filter: OfferListFilter, page: PageRequest) async throws -> Page<Offer>
    /// Active offers of active merchants valid on `day`.
    func listVisible(on day: CalendarDate, page: PageRequest) async throws -> Page<OfferListing>
    func setActive(id: OfferID, active: Bool) async throws -> Offer?
}
