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
                try await database.read {
                    try await $0.purchases.ingestionContext(
                        externalID: externalID, merchantID: fixture.merchantID, userID: fixture.user.id,
                        on: CalendarDate(utcDayOf: Date()), month: MonthWindow(containing: Date()))
                }
            }
            #expect(try await context("a").walletVersion == nil)
            let first = try await fixture.purchases.ingest(fixture.submission("a", cents: 10_000), by: fixture.user)
            let seen = try await context("b")
            let offer = try #require(seen.candidateOffers.first)
            #expect(seen.walletVersion == 0 && seen.earnedThisMonth[offer.id] == Money(minorUnits: 500))
            _ = try await fixture.purchases.confirm(purchaseID: first.purchase.id.description, by: fixture.user.id)
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
            let audit = AuditEntry(
                occurredAt: Date(), actor: .user(fixture.user.id), action: .purchaseIngested,
                resourceType: "purchase", resourceID: purchase.id.description, details: [:])
            #expect(
                try await database.read {
                    try await $0.purchases.recordIngestion(
                        purchase, audit: audit, walletGuard: .unchangedSince(version: seen.walletVersion))
                } == .walletChanged)
            #expect(try await TestData.count(client, "purchases") == 1)
            #expect(
                try await database.read {
                    try await $0.purchases.recordIngestion(
                        purchase, audit: audit, walletGuard: .unchangedSince(version: confirmed))
                } == .recorded)
            #expect(
                try await database.read {
                    try await $0.purchases.recordIngestion(sameExternalID, audit: audit, walletGuard: .locked)
                } == .duplicate)
            #expect(try await context("c").walletVersion == confirmed + 1)
            #expect(try await fixture.wallet()?.pending == Money(minorUnits: 50))
            try await fixture.expectReconciled()
        }
    }
}
