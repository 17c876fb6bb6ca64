import Application
import Domain
import Foundation
import Testing

@Suite struct MerchantServiceTests {
    let store = InMemoryStore()
    let admin = UserID.random()
    var service: MerchantService { MerchantService(unitOfWork: store, clock: FixedClock(), maxCashbackPercentage: 20) }

    @Test func createsAndAuditsInTheSameCommit() async throws {
        let merchant = try await service.create(name: "Shop", defaultCashbackPercentage: 5, active: true, by: admin)
        #expect(store.commits == 1)
        let audit = try #require(store.snapshot.audit.first)
        #expect(audit.action == .merchantCreated && audit.actor == .admin(admin))
        #expect(audit.resourceID == merchant.id.description)
    }

    @Test func anOutOfRangePercentageWritesNothing() async throws {
        await #expect(throws: MerchantError.percentageOutOfRange(maximum: 20)) {
            try await service.create(name: "Shop", defaultCashbackPercentage: 21, active: true, by: admin)
        }
        #expect(store.commits == 0 && store.rollbacks == 0)
    }

    @Test func aDuplicateNameRollsBackWithoutAnAuditRow() async throws {
        _ = try await service.create(name: "Shop", defaultCashbackPercentage: 5, active: true, by: admin)
        await #expect(throws: MerchantError.nameAlreadyExists("Shop")) {
            try await service.create(name: "Shop", defaultCashbackPercentage: 5, active: true, by: admin)
        }
        #expect(store.rollbacks == 1)
        #expect(store.snapshot.audit.count == 1)
    }

    @Test func statusChangesAreAuditedAndUnknownIDsAreNotFound() async throws {
        let merchant = try await service.create(name: "Shop", defaultCashbackPercentage: 5, active: true, by: admin)
        let updated = try await service.setStatus(merchantID: merchant.id, to: .inactive, by: admin)
        #expect(!updated.active)
        #expect(store.snapshot.audit.last?.action == .merchantDeactivated)
        let unknown = MerchantID.random()
        await #expect(throws: MerchantError.notFound(unknown.description)) {
            try await service.setStatus(merchantID: unknown, to: .active, by: admin)
        }
        let list = try await service.list(active: false, page: PageRequest(offset: 0, limit: 10))
        #expect(list.total == 1)
    }
}

@Suite struct OfferServiceTests {
    let store = InMemoryStore()
    let admin = UserID.random()
    let merchant = Merchant(id: .random(), name: "Shop", defaultCashbackPercentage: 5, active: true)
    var service: OfferService { OfferService(unitOfWork: store, clock: FixedClock(), maxCashbackPercentage: 20) }

    init() { store.seed { [merchant] in $0.merchants = [merchant] } }

    func draft(for merchantID: MerchantID? = nil) -> OfferDraft {
        OfferDraft(
            merchantID: merchantID ?? merchant.id, cashbackType: .percent, cashbackValue: 5,
            startDate: CalendarDate(iso: "2026-06-15")!, endDate: CalendarDate(iso: "2026-07-15")!, monthlyCap: 20)
    }

    @Test func createsAnActiveOfferWithAnAuditRow() async throws {
        let offer = try await service.create(draft(), by: admin)
        #expect(offer.active)
        #expect(store.snapshot.offers == [offer])
        #expect(store.snapshot.audit.map(\.action) == [.offerCreated])
    }

    @Test func refusesASecondActiveOffer() async throws {
        _ = try await service.create(draft(), by: admin)
        await #expect(throws: OfferError.activeOfferAlreadyExists(merchant.id)) {
            try await service.create(draft(), by: admin)
        }
        #expect(store.snapshot.offers.count == 1)
    }

    @Test func refusesUnknownAndInactiveMerchants() async throws {
        let unknown = MerchantID.random()
        await #expect(throws: OfferError.merchantNotFound(unknown)) {
            try await service.create(draft(for: unknown), by: admin)
        }
        let sleeping = Merchant(id: .random(), name: "Zzz", defaultCashbackPercentage: 1, active: false)
        store.seed { $0.merchants.append(sleeping) }
        await #expect(throws: OfferError.merchantNotActive(sleeping.id)) {
            try await service.create(draft(for: sleeping.id), by: admin)
        }
        #expect(store.commits == 0)
    }

    @Test func detailsAreHiddenFromUsersOnceDeactivated() async throws {
        let offer = try await service.create(draft(), by: admin)
        _ = try await service.setStatus(offerID: offer.id, to: .inactive, by: admin)
        await #expect(throws: OfferError.hidden(offer.id, reason: .offerInactive)) {
            try await service.details(offerID: offer.id, viewerRole: .user)
        }
        #expect(try await service.details(offerID: offer.id, viewerRole: .admin).offer.active == false)
        let unknown = OfferID.random()
        await #expect(throws: OfferError.notFound(unknown.description)) {
            try await service.details(offerID: unknown, viewerRole: .admin)
        }
    }

    @Test func visibleOffersAreTodaysActiveOnes() async throws {
        _ = try await service.create(draft(), by: admin)
        #expect(try await service.listVisible(page: PageRequest(offset: 0, limit: 10)).total == 1)
        #expect(
            try await service.list(
                filter: OfferListFilter(status: .inactive, merchantID: nil, dateFrom: nil, dateTo: nil),
                page: PageRequest(offset: 0, limit: 10)
            ).total == 0)
    }
}

@Suite struct FeatureFlagServiceTests {
    let store = InMemoryStore()
    let admin = UserID.random()
    var service: FeatureFlagService { FeatureFlagService(unitOfWork: store, clock: FixedClock()) }

    func assign(_ enabled: Bool, scope: FlagScope, description: String? = nil) -> FlagAssignment {
        FlagAssignment(key: .purchaseAutoConfirm, enabled: enabled, scope: scope, description: description)
    }

    @Test func evaluatesScopedThenGlobalThenEnabled() async throws {
        let user = FlagScope(type: "user", id: UUID())
        #expect(try await service.evaluate(key: "purchase_auto_confirm", scope: user))
        _ = try await service.set(assign(false, scope: .global), by: admin)
        #expect(try await !service.evaluate(key: "purchase_auto_confirm", scope: user))
        _ = try await service.set(assign(true, scope: user), by: admin)
        #expect(try await service.evaluate(key: "purchase_auto_confirm", scope: user))
        #expect(try await !service.evaluate(key: "purchase_auto_confirm", scope: .global))
    }

    @Test func updateKeepsTheDescriptionWhenNoneIsSent() async throws {
        _ = try await service.set(assign(true, scope: .global, description: "first"), by: admin)
        let updated = try await service.set(assign(false, scope: .global), by: admin)
        #expect(updated.description == "first" && !updated.enabled)
        #expect(store.snapshot.flags.count == 1)
        #expect(store.snapshot.audit.count == 2)
    }

    @Test func scopedFlagsNeedAnIDAndDeletionNeedsARecord() async throws {
        await #expect(throws: FeatureFlagError.scopeIDRequired(scopeType: "merchant")) {
            try await service.set(assign(true, scope: FlagScope(type: "merchant", id: nil)), by: admin)
        }
        await #expect(throws: FeatureFlagError.notFound(key: "purchase_auto_confirm", scope: .global)) {
            try await service.delete(key: "purchase_auto_confirm", scope: .global, by: admin)
        }
        await #expect(throws: FeatureFlagError.scopeIDNotAllowed) {
            try await service.delete(key: "k", scope: FlagScope(type: "global", id: UUID()), by: admin)
        }
        #expect(store.commits == 0)
    }

    @Test func deletingFallsBackToTheNextLevel() async throws {
        let user = FlagScope(type: "user", id: UUID())
        _ = try await service.set(assign(false, scope: user), by: admin)
        try await service.delete(key: "purchase_auto_confirm", scope: user, by: admin)
        #expect(try await service.evaluate(key: "purchase_auto_confirm", scope: user))
        #expect(store.snapshot.audit.last?.action == .featureFlagDeleted)
    }
}

@Suite struct HealthServiceTests {
    @Test func readinessFollowsTheDatabase() async {
        #expect(await HealthService(probe: FakeProbe(reachable: true)).isReady())
        #expect(await !HealthService(probe: FakeProbe(reachable: false)).isReady())
    }
}
