import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

/// Concurrent single ingestions of many users share record statements (ADR 033) without bending a rule: each
/// user's monthly cap holds, a duplicate inside a shared statement is refused alone, and every cent reconciles.
@Suite struct IngestionGroupCommitTests {
    @Test func manyUsersPostingAtOnceShareStatementsAndEachCapHolds() async throws {
        try await withDatabase { (database, client) async throws in
            // 5 % of 100.00 is 5.00 a purchase; a cap of 12.00 gives each user 5 + 5 + 2, then nothing.
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .percent(5), cap: 12)
            var users = [fixture.user]
            for _ in 1..<20 {
                let id = try await TestData.insertUser(client)
                users.append(
                    try #require(try await database.withConnection { try await $0.users.find(id: UserID(id)) }))
            }
            let ownerID = UserID(try await TestData.insertUser(client))
            let owner = try #require(try await database.withConnection { try await $0.users.find(id: ownerID) })
            _ = try await fixture.purchases.ingest(
                PurchaseSubmission(
                    externalID: "taken", userID: owner.id, merchantID: fixture.merchantID,
                    amount: Money(minorUnits: 100), currency: "EUR"),
                by: .user(owner))
            let everyone = users
            let outcomes = try await withThrowingTaskGroup(of: Result<Money, PurchaseError>.self) { group in
                for (index, user) in everyone.enumerated() {
                    for attempt in 0..<5 {
                        group.addTask {
                            try await Self.ingest(fixture, user, "u\(index)-\(attempt)")
                        }
                    }
                    // Another user's external id: refused, whichever statement it shares.
                    group.addTask { try await Self.ingest(fixture, user, "taken") }
                }
                return try await group.reduce(into: [Result<Money, PurchaseError>]()) { $0.append($1) }
            }
            let credited = outcomes.compactMap { try? $0.get() }.reduce(Money.zero, +)
            let duplicates = outcomes.filter {
                if case .failure(.duplicate(_)) = $0 { return true }
                return false
            }
            #expect(duplicates.count == 20)
            #expect(outcomes.count - duplicates.count == 100, "every other ingestion was accepted")
            #expect(credited == Money(minorUnits: 20 * 1200), "each user's cap holds: 12.00 each")
            for user in users {
                let wallet = try await database.withConnection { try await $0.wallets.find(userID: user.id) }
                #expect(wallet?.pending == Money(minorUnits: 1200))
            }
            let purchases = try await TestData.count(client, "purchases")
            let statements = try await Self.count(client, "SELECT count(DISTINCT xmin::text) FROM purchases")
            #expect(purchases == 101)
            #expect(statements < purchases, "purchases that arrived together were written by shared statements")
            try await fixture.expectReconciled()
            print(
                "figures: 20 users x 5 concurrent ingests + 20 duplicates -> 100 purchases in \(statements - 1) statements"
            )
        }
    }

    private static func ingest(_ fixture: MoneyFixture, _ user: User, _ externalID: String) async throws
        -> Result<Money, PurchaseError>
    {
        let submission = PurchaseSubmission(
            externalID: externalID, userID: user.id, merchantID: fixture.merchantID, amount: Money(minorUnits: 10_000),
            currency: "EUR")
        do {
            return .success(try await fixture.purchases.ingest(submission, by: .user(user)).purchase.cashbackAmount)
        } catch let error as PurchaseError {
            return .failure(error)
        }
    }

    private static func count(_ client: PostgresClient, _ sql: String) async throws -> Int {
        let rows = try await client.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }
}
