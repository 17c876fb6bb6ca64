import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

/// A merchant with one offer valid today, a user, and the real services over PostgreSQL.
struct MoneyFixture: Sendable {
    let database: PostgresUnitOfWork
    let client: PostgresClient
    let user: User
    let merchantID: MerchantID
    let purchases: PurchaseService
    let payouts: PayoutService
    let reconciliation: ReconciliationService

    static func make(database: PostgresUnitOfWork, client: PostgresClient, rule: CashbackRule, cap: Decimal)
        async throws
        -> MoneyFixture
    {
        let userID = try await TestData.insertUser(client)
        let merchant = merchant()
        let today = CalendarDate(utcDayOf: Date())
        let offer = Offer(
            id: .random(), merchantID: merchant.id, cashback: rule, startDate: CalendarDate(iso: "2020-01-01")!,
            endDate: CalendarDate(iso: "2099-12-31")!, monthlyCapPerUser: cap, active: true)
        try await database.transaction { repositories in
            _ = try await repositories.merchants.insert(merchant)
            try await repositories.offers.insert(offer)
        }
        #expect(offer.isValid(on: today))
        let user = try #require(try await database.withConnection { try await $0.users.find(id: UserID(userID)) })
        return MoneyFixture(
            database: database, client: client, user: user, merchantID: merchant.id,
            purchases: PurchaseService(unitOfWork: database, clock: SystemClock()),
            payouts: PayoutService(unitOfWork: database, clock: SystemClock(), minimumAmount: Money(minorUnits: 1000)),
            reconciliation: ReconciliationService(unitOfWork: database))
    }

    func submission(_ externalID: String, cents: Int64) -> PurchaseSubmission {
        PurchaseSubmission(
            externalID: externalID, userID: user.id, merchantID: merchantID, amount: Money(minorUnits: cents),
            currency: "EUR")
    }

    func wallet() async throws -> Wallet? {
        try await database.withConnection { try await $0.wallets.find(userID: user.id) }
    }

    func expectReconciled() async throws {
        let report = try await reconciliation.run()
        #expect(report.isClean, "\(report.drifts)")
    }
}

@Suite struct MoneyConcurrencyTests {
    @Test func fiftyConcurrentIngestsOfOneExternalIDCreateOnePurchase() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .percent(5), cap: 1000)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        do {
                            _ = try await fixture.purchases.ingest(
                                fixture.submission("same", cents: 10_000), by: .user(fixture.user.id))
                            return true
                        } catch PurchaseError.duplicate(let existing) {
                            #expect(existing.externalID == "same")
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await TestData.count(client, "purchases") == 1)
            #expect(try await TestData.count(client, "wallet_ledger") == 1)
            #expect(try await fixture.wallet()?.pending == Money(minorUnits: 500))
            try await fixture.expectReconciled()
            print(
                "figures: 50 concurrent ingests of one external_id -> 1 created, \(outcomes.filter { !$0 }.count) answered 409"
            )
        }
    }

    @Test func hundredConcurrentDistinctIngestsSumExactly() async throws {
        try await withDatabase { (database, client) async throws in
            let rule = CashbackRule.percent(Decimal(string: "7.5")!)
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: rule, cap: 1_000_000)
            let amounts = (1...100).map { Int64($0) * 1_337 + 1 }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, cents) in amounts.enumerated() {
                    group.addTask {
                        _ = try await fixture.purchases.ingest(
                            fixture.submission("p-\(index)", cents: cents), by: .user(fixture.user.id))
                    }
                }
                try await group.waitForAll()
            }
            let expected = amounts.reduce(Money.zero) { sum, cents in
                sum
                    + CashbackCalculator.quote(
                        rule: rule, amount: Money(minorUnits: cents), monthlyCap: 1_000_000, alreadyEarned: .zero
                    ).amount
            }
            #expect(try await fixture.wallet()?.pending == expected)
            #expect(try await TestData.count(client, "purchase_verifications") == 100)
            try await fixture.expectReconciled()
            print("figures: 100 concurrent distinct ingests -> pending \(expected) exact")
        }
    }

    @Test func twentyConcurrentIngestsNeverExceedTheMonthlyCap() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .percent(5), cap: 12)
            let credited = try await withThrowingTaskGroup(of: Money.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await fixture.purchases.ingest(
                            fixture.submission("cap-\(index)", cents: 10_000), by: .user(fixture.user.id)
                        )
                        .purchase.cashbackAmount
                    }
                }
                return try await group.reduce(Money.zero, +)
            }
            #expect(credited == Money(minorUnits: 1200))
            #expect(try await fixture.wallet()?.pending == Money(minorUnits: 1200))
            try await fixture.expectReconciled()
            print("figures: 20 concurrent ingests against a 12.00 cap -> credited \(credited)")
        }
    }

    @Test func concurrentBatchesAndSinglesNeverExceedTheMonthlyCap() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .percent(5), cap: 12)
            let credited = try await withThrowingTaskGroup(of: Money.self) { group in
                for batch in 0..<3 {
                    group.addTask {
                        let results = try await fixture.purchases.ingestBatch(
                            (0..<5).map { fixture.submission("batch-\(batch)-\($0)", cents: 10_000) },
                            by: .user(fixture.user.id))
                        return results.compactMap { try? $0.get().purchase.cashbackAmount }.reduce(Money.zero, +)
                    }
                }
                for single in 0..<5 {
                    group.addTask {
                        try await fixture.purchases.ingest(
                            fixture.submission("single-\(single)", cents: 10_000), by: .user(fixture.user.id)
                        )
                        .purchase.cashbackAmount
                    }
                }
                return try await group.reduce(Money.zero, +)
            }
            #expect(credited == Money(minorUnits: 1200))
            #expect(try await TestData.count(client, "purchases") == 20, "every item is recorded, capped ones at 0.00")
            #expect(try await fixture.wallet()?.pending == Money(minorUnits: 1200))
            try await fixture.expectReconciled()
        }
    }

    @Test func twentyConcurrentWithdrawalsNeverOverdraw() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .fixed(100), cap: 1000)
            let ingested = try await fixture.purchases.ingest(
                fixture.submission("funds", cents: 50_000), by: .user(fixture.user.id))
            _ = try await fixture.purchases.confirm(purchaseID: ingested.purchase.id, by: fixture.user.id)
            let request = PayoutRequest(
                amount: Money(minorUnits: 1500), method: .bankTransfer, details: ["iban": "x"], idempotencyKey: nil)
            let withdrawn = try await withThrowingTaskGroup(of: Money.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        do {
                            return try await fixture.payouts.request(request, by: fixture.user.id).payout.amount
                        } catch PayoutError.insufficientBalance {
                            return .zero
                        }
                    }
                }
                return try await group.reduce(Money.zero, +)
            }
            #expect(withdrawn == Money(minorUnits: 9000))
            let wallet = try await fixture.wallet()
            #expect(wallet?.available == Money(minorUnits: 1000))
            try await fixture.expectReconciled()
            print(
                "figures: 20 concurrent 15.00 withdrawals from 100.00 -> \(withdrawn) withdrawn, \(wallet?.available.description ?? "?") left"
            )
        }
    }

    @Test func adminActionsRacingOnOnePurchaseApplyOnce() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .percent(5), cap: 1000)
            var confirmWins = 0
            for round in 0..<10 {
                let purchase = try await fixture.purchases.ingest(
                    fixture.submission("race-\(round)", cents: 10_000), by: .user(fixture.user.id)
                )
                .purchase
                let id = purchase.id
                let results = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
                    for action in ["confirm", "confirm", "reverse"] {
                        group.addTask {
                            do {
                                if action == "confirm" {
                                    _ = try await fixture.purchases.confirm(purchaseID: id, by: fixture.user.id)
                                } else {
                                    _ = try await fixture.purchases.reverse(purchaseID: id, by: fixture.user.id)
                                }
                                return (action, true)
                            } catch is PurchaseError {
                                return (action, false)
                            }
                        }
                    }
                    return try await group.reduce(into: [(String, Bool)]()) { $0.append($1) }
                }
                let confirms = results.filter { $0.0 == "confirm" && $0.1 }.count
                #expect(confirms <= 1)
                #expect(results.contains { $0.0 == "reverse" && $0.1 })
                confirmWins += confirms
            }
            let wallet = try await fixture.wallet()
            #expect(wallet?.pending == .zero && wallet?.available == .zero)
            #expect(try await TestData.count(client, "purchases", where: "status = 'reversed'") == 10)
            try await fixture.expectReconciled()
            print(
                "figures: 10 rounds of confirm x2 vs reverse -> \(confirmWins) confirms applied before reversal, 0 doubles"
            )
        }
    }

    @Test func confirmationReversalAndWithdrawalOfTheSameMoneyNeverSpendItTwice() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(
                database: database, client: client, rule: .fixed(50), cap: 100_000)
            var outcomes: [String: Int] = [:]
            for round in 0..<20 {
                let id = try await fixture.purchases.ingest(
                    fixture.submission("money-\(round)", cents: 10_000), by: .user(fixture.user.id)
                ).purchase.id
                let withdrawal = PayoutRequest(
                    amount: Money(minorUnits: 5000), method: .card, details: ["card_token": "tok"], idempotencyKey: nil)
                let won = try await withThrowingTaskGroup(of: String?.self) { group in
                    group.addTask {
                        (try? await fixture.purchases.confirm(purchaseID: id, by: fixture.user.id)) == nil ? nil : "C"
                    }
                    group.addTask {
                        (try? await fixture.purchases.reverse(purchaseID: id, by: fixture.user.id)) == nil ? nil : "R"
                    }
                    group.addTask {
                        (try? await fixture.payouts.request(withdrawal, by: fixture.user.id)) == nil ? nil : "W"
                    }
                    return try await group.reduce(into: [String]()) { if let name = $1 { $0.append(name) } }
                }
                outcomes[won.sorted().joined(), default: 0] += 1
            }
            let wallet = try #require(try await fixture.wallet())
            let confirmed = try await TestData.count(client, "purchases", where: "status = 'confirmed'")
            let payouts = try await TestData.count(client, "payouts")
            #expect(wallet.pending == .zero)
            #expect(
                wallet.available - wallet.owed + Money(minorUnits: Int64(payouts) * 5000)
                    == Money(minorUnits: Int64(confirmed) * 5000),
                "every cent still confirmed is available or withdrawn, once; a reversal after a withdrawal is owed")
            #expect(wallet.available == .zero || wallet.owed == .zero, "a debt is paid before money is available")
            try await fixture.expectReconciled()
            print(
                "figures: 20 rounds of confirm vs reverse vs withdraw on the same 50.00 -> \(outcomes), balances exact")
        }
    }
}

@Suite struct ReconciliationTests {
    @Test func detectsABalanceThatDisagreesWithItsLedger() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .percent(5), cap: 1000)
            _ = try await fixture.purchases.ingest(fixture.submission("x", cents: 10_000), by: .user(fixture.user.id))
            try await fixture.expectReconciled()
            try await client.query(
                "UPDATE wallets SET pending_balance = pending_balance + 1", logger: TestDatabase.logger)
            try await client.query("UPDATE cashback_transactions SET status = 'available'", logger: TestDatabase.logger)
            let report = try await fixture.reconciliation.run()
            #expect(
                Set(report.drifts.map(\.rule)) == ["wallet_equals_ledger", "purchase_matches_cashback_transaction"])
            #expect(report.purchasesChecked == 1 && report.walletsChecked == 1)
        }
    }

    @Test func theSeedReconcilesAndTheLedgerIsAppendOnly() async throws {
        try await withDatabase { (database, client) async throws in
            try await DemoSeed(client: client, logger: TestDatabase.logger).apply(passwordHash: "$2b$04$x")
            try await DemoSeed(client: client, logger: TestDatabase.logger).apply(passwordHash: "$2b$04$x")
            let report = try await ReconciliationService(unitOfWork: database).run()
            #expect(report.isClean, "\(report.drifts)")
            let alice = try await database.withConnection {
                try await $0.wallets.find(userID: UserID(parsing: "b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d")!)
            }
            #expect(alice?.pending.description == "19.05" && alice?.available.description == "15.00")
            #expect(alice?.paid.description == "50.00")
            await #expect(throws: (any Error).self) {
                try await client.query("DELETE FROM wallet_ledger", logger: TestDatabase.logger)
            }
        }
    }
}

/// The worker's set-based settle repays debts like the admin path does (ADR 017), per purchase in id order.
@Suite struct DebtRepaymentSettleTests {
    @Test func aBatchOfConfirmationsRepaysTheDebtFirstAndExactly() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .fixed(6), cap: 1000)
            var confirmed: [PurchaseID] = []
            for name in ["a", "b"] {
                let id = try await fixture.purchases.ingest(
                    fixture.submission(name, cents: 10_000), by: .user(fixture.user.id)
                )
                .purchase.id
                _ = try await fixture.purchases.confirm(purchaseID: id, by: fixture.user.id)
                confirmed.append(id)
            }
            _ = try await fixture.payouts.request(
                PayoutRequest(
                    amount: Money(minorUnits: 1000), method: .card, details: ["card_token": "tok"], idempotencyKey: nil),
                by: fixture.user.id)
            for id in confirmed { _ = try await fixture.purchases.reverse(purchaseID: id, by: fixture.user.id) }
            #expect(try await fixture.wallet()?.owed == Money(minorUnits: 1000), "2.00 taken back, 4.00 + 6.00 owed")

            for name in ["c", "d", "e"] {
                _ = try await fixture.purchases.ingest(
                    fixture.submission(name, cents: 10_000), by: .user(fixture.user.id))
            }
            let claims = try await database.transaction {
                try await $0.verifications.claim(limit: 10, owner: "w", lease: .seconds(30))
            }
            #expect(claims.count == 3)
            let batch = claims.map {
                PendingSettlement(claim: $0, settlement: .confirmation, action: .purchaseConfirmed, reason: nil)
            }
            let applied = try await database.withConnection {
                try await $0.purchases.settleIfPending(batch, at: Date())
            }
            #expect(applied.count == 3)

            let wallet = try #require(try await fixture.wallet())
            #expect(wallet.available == Money(minorUnits: 800) && wallet.owed == .zero && wallet.pending == .zero)
            let order = claims.map(\.purchaseID.uuid).sorted { $0.uuidString.lowercased() < $1.uuidString.lowercased() }
            var repaid: [Money] = []
            for id in order {
                let rows = try await client.query(
                    """
                    SELECT coalesce(sum(delta), 0) FROM wallet_ledger
                    WHERE reference_id = \(id) AND reason = 'debt_repaid' AND bucket = 'owed'
                    """, logger: TestDatabase.logger)
                for try await sum in rows.decode(Decimal.self) { repaid.append(Money(exactly: -sum) ?? .zero) }
            }
            #expect(repaid == [Money(minorUnits: 600), Money(minorUnits: 400), .zero])
            try await fixture.expectReconciled()
        }
    }
}
