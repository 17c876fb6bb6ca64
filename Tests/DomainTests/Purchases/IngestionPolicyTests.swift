import Domain
import Foundation
import Testing

@Suite struct IngestionPolicyTests {
    let owner = UserID.random()
    let shop = Merchant(id: .random(), name: "Shop", defaultCashbackPercentage: 5, active: true)
    let today = CalendarDate(iso: "2026-06-15")!

    var offer: Offer {
        Offer(
            id: .random(), merchantID: shop.id, cashback: .percent(10), startDate: CalendarDate(iso: "2026-01-01")!,
            endDate: CalendarDate(iso: "2026-12-31")!, monthlyCapPerUser: 15, active: true)
    }

    func submission(currency: String = "EUR") -> PurchaseSubmission {
        PurchaseSubmission(
            externalID: "x-1", userID: owner, merchantID: shop.id, amount: Money(minorUnits: 10_000), currency: currency
        )
    }

    func context(
        duplicate: Purchase? = nil, ownerActive: Bool = true, merchant: Merchant? = nil, offers: [Offer]? = nil
    ) -> IngestionContext {
        IngestionContext(
            duplicate: duplicate, ownerExists: true, ownerActive: ownerActive, merchant: merchant ?? shop,
            candidateOffers: offers ?? [offer], earnedThisMonth: [:], walletVersion: nil)
    }

    @Test func checksComeInTheirOrderDuplicateCurrencyUserMerchantOffer() throws {
        let existing = Purchase(
            id: .random(), externalID: "x-1", userID: owner, merchantID: shop.id, offerID: nil,
            amount: Money(minorUnits: 1), cashbackAmount: .zero, currency: "EUR", status: .pending, createdAt: Date())
        let closed = Merchant(id: shop.id, name: "Shop", defaultCashbackPercentage: 5, active: false)
        #expect(throws: PurchaseError.duplicate(existing)) {
            try IngestionPolicy.eligibleOffer(
                for: submission(currency: "USD"), in: context(duplicate: existing, ownerActive: false), on: today)
        }
        #expect(throws: PurchaseError.unsupportedCurrency("USD")) {
            try IngestionPolicy.eligibleOffer(
                for: submission(currency: "USD"), in: context(ownerActive: false, merchant: closed), on: today)
        }
        #expect(throws: PurchaseError.userNotEligible(owner)) {
            try IngestionPolicy.eligibleOffer(
                for: submission(), in: context(ownerActive: false, merchant: closed), on: today)
        }
        #expect(throws: PurchaseError.merchantNotEligible(shop.id)) {
            try IngestionPolicy.eligibleOffer(for: submission(), in: context(merchant: closed, offers: []), on: today)
        }
        #expect(throws: PurchaseError.offerNotAvailable(shop.id)) {
            try IngestionPolicy.eligibleOffer(for: submission(), in: context(offers: []), on: today)
        }
    }

    @Test func aDraftQuotesAgainstTheCapAndCarriesItsAuditRowAndLedgerMovement() throws {
        let chosen = try IngestionPolicy.eligibleOffer(for: submission(), in: context(), on: today)
        let partner = Partner(id: .random(), name: "P", merchantIDs: [shop.id], active: true, createdAt: Date())
        let draft = IngestionPolicy.draft(
            submission(), offer: chosen, alreadyEarned: Money(minorUnits: 1_000), by: .partner(partner), at: Date())
        #expect(draft.purchase.cashbackAmount == Money(minorUnits: 500) && draft.capApplied)
        #expect(draft.audit.actor == .partner(partner.id) && draft.audit.action == .purchaseIngested)
        #expect(draft.audit.resourceID == draft.purchase.id.description)
        #expect(draft.movements.map(\.bucket) == [.pending] && draft.movements.map(\.delta) == [Money(minorUnits: 500)])
        let capped = IngestionPolicy.draft(
            submission(), offer: chosen, alreadyEarned: Money(minorUnits: 1_500), by: .partner(partner), at: Date())
        #expect(capped.purchase.cashbackAmount == .zero && capped.movements.isEmpty, "no zero ledger row")
    }

    @Test func aUsersOwnAccountMustExistAndBeActive() throws {
        let gone = IngestionContext(
            duplicate: nil, ownerExists: false, ownerActive: false, merchant: shop, candidateOffers: [offer],
            earnedThisMonth: [:], walletVersion: nil)
        #expect(throws: AuthError.invalidToken) { try IngestionPolicy.checkCaller(.user(owner), in: gone) }
        #expect(throws: AuthError.userInactive(owner)) {
            try IngestionPolicy.checkCaller(.user(owner), in: context(ownerActive: false))
        }
        try IngestionPolicy.checkCaller(.user(owner), in: context())
        let partner = Partner(id: .random(), name: "P", merchantIDs: [shop.id], active: true, createdAt: Date())
        try IngestionPolicy.checkCaller(.partner(partner), in: gone)
    }

    @Test func usersPostForThemselvesAndPartnersForTheirMerchants() throws {
        let user = User(
            id: owner, email: EmailAddress(trusted: "o@example.com"), passwordHash: "", role: .user, active: true,
            createdAt: Date())
        let stranger = User(
            id: .random(), email: EmailAddress(trusted: "s@example.com"), passwordHash: "", role: .user, active: true,
            createdAt: Date())
        try IngestionPolicy.checkSubmitter(.user(user.id), of: submission())
        #expect(throws: PurchaseError.notOwnSubmission) {
            try IngestionPolicy.checkSubmitter(.user(stranger.id), of: submission())
        }
        let elsewhere = Partner(id: .random(), name: "P", merchantIDs: [.random()], active: true, createdAt: Date())
        #expect(throws: PartnerError.notPartnerMerchant(merchant: shop.id)) {
            try IngestionPolicy.checkSubmitter(.partner(elsewhere), of: submission())
        }
    }
}
