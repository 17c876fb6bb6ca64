public import Domain
public import Foundation

/// The offer catalogue: admin creation and activation, user browsing.
public struct OfferService: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock
    let maxCashbackPercentage: Decimal

    public init(unitOfWork: any UnitOfWork, clock: any WallClock, maxCashbackPercentage: Decimal) {
        (self.unitOfWork, self.clock, self.maxCashbackPercentage) = (unitOfWork, clock, maxCashbackPercentage)
    }

    /// Creates an active offer. The merchant row is locked so two concurrent creations cannot both pass the
    /// one-active-offer check.
    public func create(_ draft: OfferDraft, by admin: UserID) async throws -> Offer {
        let now = clock.now()
        try OfferCreationPolicy.validate(
            draft, today: CalendarDate(utcDayOf: now), maxPercentage: maxCashbackPercentage)
        let offer = Offer(
            id: .random(), merchantID: draft.merchantID, cashback: draft.cashback, startDate: draft.startDate,
            endDate: draft.endDate, monthlyCapPerUser: draft.monthlyCap, active: true)
        try await unitOfWork.transaction { repositories in
            guard let merchant = try await repositories.merchants.lock(id: draft.merchantID) else {
                throw OfferError.merchantNotFound(draft.merchantID)
            }
            guard merchant.active else { throw OfferError.merchantNotActive(merchant.id) }
            guard try await !repositories.offers.hasActiveOffer(merchantID: merchant.id) else {
                throw OfferError.activeOfferAlreadyExists(merchant.id)
            }
            try await repositories.offers.insert(offer)
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: now, actor: .admin(admin), action: .offerCreated, resourceType: "offer",
                    resourceID: offer.id.description, details: ["merchant_id": merchant.id.description]))
        }
        return offer
    }

    /// The full catalogue, inactive offers included.
    public func list(filter: OfferListFilter, page: PageRequest) async throws -> Page<Offer> {
        try await unitOfWork.withConnection { try await $0.offers.list(filter: filter, page: page) }
    }

    /// Offers a user can buy against today.
    public func listVisible(page: PageRequest) async throws -> Page<OfferListing> {
        let today = CalendarDate(utcDayOf: clock.now())
        return try await unitOfWork.withConnection { try await $0.offers.listVisible(on: today, page: page) }
    }

    /// One offer, hidden from regular users when it or its merchant is inactive.
    public func details(offerID id: OfferID, viewerRole: Role) async throws -> OfferListing {
        guard let listing = try await unitOfWork.withConnection({ try await $0.offers.find(id: id) }) else {
            throw OfferError.notFound(id.description)
        }
        try OfferVisibility.check(listing, viewerRole: viewerRole)
        return listing
    }

    /// Activates or deactivates an offer. Like the original, activation checks no other rule
    /// (rule R-OFFER-ACTIVATION, docs/rules.md).
    public func setStatus(offerID id: OfferID, to status: ActivityStatus, by admin: UserID) async throws -> Offer {
        let now = clock.now()
        return try await unitOfWork.transaction { repositories in
            guard let offer = try await repositories.offers.setActive(id: id, active: status.isActive) else {
                throw OfferError.notFound(id.description)
            }
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: now, actor: .admin(admin),
                    action: status.isActive ? .offerActivated : .offerDeactivated, resourceType: "offer",
                    resourceID: id.description))
            return offer
        }
    }
}
