import Application
import Domain
import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct IngestionRecordTests {
    @Test func aStaleWalletVersionWritesNothingAndEveryWalletChangeBumpsIt() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .percent(5), cap: 100)
            func context(_ externalID: String) async throws -> IngestionContext {
                let contexts = try await database.withConnection {
                    try await $0.purchases.ingestionContexts(
                        of: [fixture.submission(externalID, cents: 100)], in: [nil], on: CalendarDate(utcDayOf: Date()),
                        month: MonthWindow(containing: Date()))
                }
                return contexts[0]
            }
            #expect(try await context("a").walletVersion == nil)
            let first = try await fixture.purchases.ingest(
                fixture.submission("a", cents: 10_000), by: .user(fixture.user.id))
            let seen = try await context("b")
            let offer = try #require(seen.candidateOffers.first)
            #expect(seen.walletVersion == 0 && seen.earnedThisMonth[offer.id] == Money(minorUnits: 500))
            _ = try await fixture.purchases.confirm(purchaseID: first.purchase.id, by: fixture.user.id)
            let confirmed = try #require(try await context("b").walletVersion)
            #expect(confirmed > 0, "the admin confirmation changed the wallet")

            let purchase = Purchase(
                id: .random(), externalID: "b", userID: fixture.user.id, merchantID: fixture.merchantID,
                offerID: offer.id, amount: Money(minorUnits: 1000), cashbackAmount: Money(minorUnits: 50),
                currency: "EUR", status: .pending, createdAt: Date())
            let sameExternalID = Purchase(
                id: .random(), externalID: "b", userID: fixture.user.id, merchantID: fixture.merchantID,
                offerID: offer.id, amount: Money(minorUnits: 1000), cashbackAmount: Money(minorUnits: 50),
                currency: "EUR", status: .pending, createdAt: Date())
            func record(_ purchase: Purchase, _ walletGuard: WalletGuard) async throws -> IngestionRecord {
                let draft = IngestionDraft(
                    purchase: purchase, capApplied: false,
                    audit: AuditEntry(
                        occurredAt: Date(), actor: .user(fixture.user.id), action: .purchaseIngested,
                        resourceType: "purchase", resourceID: purchase.id.description, details: [:]),
                    movements: PurchaseTransitions.ingestion(of: purchase))
                return try await database.withConnection {
                    try await $0.purchases.recordIngestions([draft], walletGuard: walletGuard)
                }
            }
            let stale = try #require(seen.walletVersion)
            #expect(try await record(purchase, .unchangedSince([fixture.user.id: stale])) == .recorded([]))
            #expect(try await TestData.count(client, "purchases") == 1)
            #expect(
                try await record(purchase, .unchangedSince([fixture.user.id: confirmed])) == .recorded([purchase.id]))
            #expect(try await record(sameExternalID, .locked) == .duplicate)
            #expect(try await context("c").walletVersion == confirmed + 1)
            #expect(try await fixture.wallet()?.pending == Money(minorUnits: 50))
            try await fixture.expectReconciled()
        }
    }

    /// One statement reads the contexts of a round's submissions (ADR 035), each answered in its own place: its
    /// duplicate, its owner, its merchant and offers, what its owner already earned, its owner's wallet version.
    @Test func theContextsOfSeveralSubmissionsComeFromOneReadInOrder() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .percent(5), cap: 100)
            let taken = try await fixture.purchases.ingest(
                fixture.submission("taken", cents: 10_000), by: .user(fixture.user.id))
            let stranger = try await TestData.insertUser(client)
            let submissions = [
                fixture.submission("fresh", cents: 100),
                PurchaseSubmission(
                    externalID: "other-merchant", userID: fixture.user.id, merchantID: .random(),
                    amount: Money(minorUnits: 100), currency: "EUR"),
                fixture.submission("taken", cents: 100),
                PurchaseSubmission(
                    externalID: "stranger", userID: UserID(stranger), merchantID: fixture.merchantID,
                    amount: Money(minorUnits: 100), currency: "EUR"),
                PurchaseSubmission(
                    externalID: "nobody", userID: .random(), merchantID: fixture.merchantID,
                    amount: Money(minorUnits: 100), currency: "EUR"),
            ]
            let contexts = try await database.withConnection {
                try await $0.purchases.ingestionContexts(
                    of: submissions, in: submissions.map { _ in nil }, on: CalendarDate(utcDayOf: Date()),
                    month: MonthWindow(containing: Date()))
            }
            try #require(contexts.count == submissions.count)
            let (fresh, otherMerchant, duplicate, strangers, nobodys) =
                (contexts[0], contexts[1], contexts[2], contexts[3], contexts[4])
            let offer = try #require(fresh.candidateOffers.first)
            #expect(fresh.duplicate == nil && fresh.ownerActive && fresh.merchant?.id == fixture.merchantID)
            #expect(fresh.earnedThisMonth[offer.id] == Money(minorUnits: 500) && fresh.walletVersion == 0)
            #expect(otherMerchant.merchant == nil && otherMerchant.candidateOffers.isEmpty)
            #expect(otherMerchant.ownerActive && otherMerchant.walletVersion == 0)
            #expect(duplicate.duplicate?.id == taken.purchase.id)
            #expect(strangers.ownerActive && strangers.walletVersion == nil)
            #expect(strangers.earnedThisMonth[offer.id] == .zero && strangers.candidateOffers == [offer])
            #expect(!nobodys.ownerExists && !nobodys.ownerActive && nobodys.duplicate == nil)
            #expect(
                try await database.withConnection {
                    try await $0.purchases.ingestionContexts(
                        of: [], in: [], on: CalendarDate(utcDayOf: Date()), month: MonthWindow(containing: Date()))
                }.isEmpty)
        }
    }

    /// The cap's counter (ADR 031) follows every change of a purchase: an ingestion adds, a confirmation changes
    /// nothing, a reversal gives the cashback back (the worker's rejections: `DownstreamOutageTests`, whose reconcile
    /// checks the counter), and reconcile finds it equal to the sum.
    @Test func theCapCounterFollowsEveryChangeOfAPurchase() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .percent(5), cap: 100)
            func counter() async throws -> Money {
                try await database.withConnection {
                    try await $0.purchases.cashbackEarned(
                        userID: fixture.user.id,
                        offerID: try #require(
                            try await $0.purchases.ingestionContexts(
                                of: [fixture.submission("-", cents: 100)], in: [nil],
                                on: CalendarDate(utcDayOf: Date()),
                                month: MonthWindow(containing: Date())
                            ).first?.candidateOffers.first
                        ).id, in: MonthWindow(containing: Date()))
                }
            }
            #expect(try await counter() == .zero)
            let kept = try await fixture.purchases.ingest(
                fixture.submission("k", cents: 10_000), by: .user(fixture.user.id))
            let reversed = try await fixture.purchases.ingest(
                fixture.submission("r", cents: 10_000), by: .user(fixture.user.id))
            #expect(try await counter() == Money(minorUnits: 1000))
            _ = try await fixture.purchases.confirm(purchaseID: kept.purchase.id, by: fixture.user.id)
            #expect(try await counter() == Money(minorUnits: 1000), "a confirmation still counts")
            _ = try await fixture.purchases.reverse(purchaseID: reversed.purchase.id, by: fixture.user.id)
            #expect(try await counter() == Money(minorUnits: 500), "a reversal gives its cashback back to the cap")
            let next = try await fixture.purchases.ingest(
                fixture.submission("n", cents: 10_000), by: .user(fixture.user.id))
            #expect(next.purchase.cashbackAmount == Money(minorUnits: 500) && !next.capApplied)
            #expect(try await counter() == Money(minorUnits: 1000))
            try await fixture.expectReconciled()
        }
    }

    /// Stored data is never invented: a batch item without an offer is recorded with none (not a made-up id).
    @Test func aBatchItemWithoutAnOfferIsRecordedWithNone() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .percent(5), cap: 100)
            let purchase = Purchase(
                id: .random(), externalID: "no-offer", userID: fixture.user.id, merchantID: fixture.merchantID,
                offerID: nil, amount: Money(minorUnits: 1000), cashbackAmount: .zero, currency: "EUR",
                status: .pending, createdAt: Date())
            let draft = IngestionDraft(
                purchase: purchase, capApplied: false,
                audit: AuditEntry(
                    occurredAt: Date(), actor: .partner(PartnerID(UUID())), action: .purchaseIngested,
                    resourceType: "purchase", resourceID: purchase.id.description, details: [:]),
                movements: PurchaseTransitions.ingestion(of: purchase))
            let recorded = try await database.withConnection {
                try await $0.purchases.recordIngestions([draft], walletGuard: .unchangedSince([:]))
            }
            #expect(recorded == .recorded([purchase.id]))
            #expect(
                try await TestData.count(client, "purchases", where: "external_id = 'no-offer' AND offer_id IS NULL")
                    == 1)
        }
    }

    /// Corrupt payout details are reported, never read as an empty object, and the error carries no detail value.
    @Test func corruptPayoutDetailsAreAnErrorNotAnEmptyObject() async throws {
        try await withDatabase { (database, client) async throws in
            let user = try await TestData.insertUser(client)
            try await client.query(
                """
                INSERT INTO payouts (id, user_id, amount, method, details, status, requested_at)
                VALUES (gen_random_uuid(), \(user), 10.00, 'bank_transfer', '{"iban": 1234}', 'requested', now())
                """, logger: TestDatabase.logger)
            do {
                _ = try await database.withConnection {
                    try await $0.payouts.list(
                        userID: UserID(user), status: nil, page: PageRequest(offset: 0, limit: 10))
                }
                Issue.record("a payout whose details are not strings was read")
            } catch {
                #expect("\(error)".contains("payouts.details") && !"\(error)".contains("1234"), "\(error)")
            }
        }
    }
}
