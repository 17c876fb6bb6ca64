import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

/// Concurrent single ingestions of many users share their rounds (ADR 033, ADR 035) without bending a rule: each
/// user's monthly cap holds, a duplicate or a refusal inside a shared round is refused alone, two users racing for
/// one new external id get one purchase, and every cent reconciles.
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
                by: .user(owner.id))
            let everyone = users
            let outcomes = try await withThrowingTaskGroup(of: Result<Money, PurchaseError>.self) { group in
                for (index, user) in everyone.enumerated() {
                    for attempt in 0..<5 {
                        group.addTask {
                            try await Self.ingest(fixture, user, "u\(index)-\(attempt)")
                        }
                    }
                    // Another user's external id: refused, whichever round it shares.
                    group.addTask { try await Self.ingest(fixture, user, "taken") }
                    // A merchant that does not exist: refused by the policy, alone.
                    group.addTask { try await Self.ingest(fixture, user, "nowhere-\(index)", merchant: .random()) }
                    // This user and the next race for one new external id: one purchase, one 409.
                    let next = everyone[(index + 1) % everyone.count]
                    group.addTask { try await Self.ingest(fixture, user, "race-\(index)") }
                    group.addTask { try await Self.ingest(fixture, next, "race-\(index)") }
                }
                return try await group.reduce(into: [Result<Money, PurchaseError>]()) { $0.append($1) }
            }
            let credited = outcomes.compactMap { try? $0.get() }.reduce(Money.zero, +)
            let duplicates = outcomes.filter {
                if case .failure(.duplicate(_)) = $0 { return true }
                return false
            }
            let refused = outcomes.filter {
                if case .failure(.merchantNotEligible(_)) = $0 { return true }
                return false
            }
            #expect(duplicates.count == 40, "20 of another user's id, 20 lost races")
            #expect(refused.count == 20)
            #expect(outcomes.count - duplicates.count - refused.count == 120, "every other ingestion was accepted")
            #expect(credited == Money(minorUnits: 20 * 1200), "each user's cap holds: 12.00 each")
            for user in users {
                let wallet = try await database.withConnection { try await $0.wallets.find(userID: user.id) }
                #expect(wallet?.pending == Money(minorUnits: 1200))
            }
            let purchases = try await TestData.count(client, "purchases")
            let statements = try await Self.count(client, "SELECT count(DISTINCT xmin::text) FROM purchases")
            #expect(purchases == 121)
            #expect(statements < purchases, "purchases that arrived together were written by shared statements")
            try await fixture.expectReconciled()
            print(
                "figures: 20 users x (5 ingests + 1 duplicate + 1 refusal + 1 race) at once -> 120 purchases in \(statements - 1) statements"
            )
        }
    }

    /// A sum out of range refuses a whole record statement; the round then writes each draft alone, so only the
    /// ingestion whose wallet would overflow is refused (HTTP 422), whichever round it shared.
    @Test func aWalletThatWouldOverflowIsRefusedAloneInASharedRound() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .percent(5), cap: 1000)
            _ = try await fixture.purchases.ingest(fixture.submission("first", cents: 100), by: .user(fixture.user.id))
            // One cent of headroom below NUMERIC(14,2)'s largest value: the next 5.00 cannot fit.
            try await client.query(
                "UPDATE wallets SET pending_balance = 999999999998.99 WHERE user_id = \(fixture.user.id.uuid)",
                logger: TestDatabase.logger)
            var others: [User] = []
            for _ in 0..<10 {
                let id = try await TestData.insertUser(client)
                others.append(
                    try #require(try await database.withConnection { try await $0.users.find(id: UserID(id)) }))
            }
            let crowd = others
            let (overflow, accepted) = try await withThrowingTaskGroup(of: (Bool, Bool).self) { group in
                for (index, user) in crowd.enumerated() {
                    for attempt in 0..<3 {
                        group.addTask {
                            (false, try await Self.ingest(fixture, user, "o\(index)-\(attempt)").get() > .zero)
                        }
                    }
                    // Among the others' attempts, so that it shares rounds with them.
                    group.addTask {
                        do {
                            _ = try await fixture.purchases.ingest(
                                fixture.submission("over-\(index)", cents: 10_000), by: .user(fixture.user.id))
                            return (false, true)
                        } catch is ValueOutOfRange {
                            return (true, false)
                        }
                    }
                }
                return try await group.reduce(into: (0, 0)) { $0 = ($0.0 + ($1.0 ? 1 : 0), $0.1 + ($1.1 ? 1 : 0)) }
            }
            #expect(overflow == 10, "each ingestion that would overflow the wallet is refused as out of range")
            #expect(accepted == 30, "every other ingestion of the rounds was written")
            let retried = try await Self.ingest(fixture, others[0], "over-0")
            #expect((try? retried.get()) != nil, "the refused ingestion wrote nothing: its external id is still free")
        }
    }

    private static func ingest(
        _ fixture: MoneyFixture, _ user: User, _ externalID: String, merchant: MerchantID? = nil
    ) async throws -> Result<Money, PurchaseError> {
        let submission = PurchaseSubmission(
            externalID: externalID, userID: user.id, merchantID: merchant ?? fixture.merchantID,
            amount: Money(minorUnits: 10_000), currency: "EUR")
        do {
            return .success(try await fixture.purchases.ingest(submission, by: .user(user.id)).purchase.cashbackAmount)
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
