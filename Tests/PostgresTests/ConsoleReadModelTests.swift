import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

/// What the operations console reads beyond the queues (ADR 022), against the real tables: recorded reconcile
/// runs, each worker's breaker report, and the purchases pending longest.
@Suite struct ConsoleReadModelTests {
    @Test func reconcileRunsKeepTheLatestResultItsFirstDriftsAndAThousandRuns() async throws {
        try await withDatabase { (database, client) async throws in
            let reconciliation = ReconciliationService(unitOfWork: database)
            #expect(try await MoneyOverview(unitOfWork: database).latestReconciliation() == nil)
            let drifts = (1...150).map { Drift(rule: "wallet_equals_ledger", subject: "user-\($0)", detail: "d\($0)") }
            try await reconciliation.record(
                ReconciliationReport(walletsChecked: 7, purchasesChecked: 8, payoutsChecked: 9, drifts: drifts))
            let dirty = try #require(try await MoneyOverview(unitOfWork: database).latestReconciliation())
            #expect(dirty.driftCount == 150 && dirty.report.drifts == Array(drifts.prefix(100)), "first 100, in order")
            #expect(dirty.report.walletsChecked == 7 && dirty.report.payoutsChecked == 9)

            try await client.query(
                """
                INSERT INTO reconcile_runs (wallets_checked, purchases_checked, payouts_checked, drift_count)
                SELECT 0, 0, 0, 0 FROM generate_series(1, 1200)
                """, logger: TestDatabase.logger)
            try await reconciliation.record(try await reconciliation.run())
            let clean = try #require(try await MoneyOverview(unitOfWork: database).latestReconciliation())
            #expect(clean.driftCount == 0 && clean.report.drifts.isEmpty)
            #expect(try await TestData.count(client, "reconcile_runs") == ReconciliationRun.runsKept)
        }
    }

    @Test func eachWorkerReportsOneBreakerRowPerJobAndDayOldReportsAreForgotten() async throws {
        try await withDatabase { (database, client) async throws in
            try await client.query(
                """
                INSERT INTO worker_breakers (worker, job, downstream, state, reported_at)
                VALUES ('gone', 'purchase_confirmation', 'bank', 'open', now() - interval '2 days')
                """, logger: TestDatabase.logger)
            for state in [BreakerState.closed, .open] {
                try await database.withConnection {
                    try await $0.jobQueue.reportBreaker(.purchaseConfirmation, worker: "w1", state: state)
                }
            }
            try await database.withConnection {
                try await $0.jobQueue.reportBreaker(.payoutSettlement, worker: "w1", state: .halfOpen)
            }
            let bank = try await database.withConnection { try await $0.jobQueue.breakers(.purchaseConfirmation) }
            #expect(bank.map(\.worker) == ["w1"], "the day-old report is gone")
            #expect(bank.first?.state == .open && bank.first?.downstream == .bank)
            #expect((bank.first?.ageSeconds ?? 99) < 60)
            let rail = try await database.withConnection { try await $0.jobQueue.breakers(.payoutSettlement) }
            #expect(rail.map(\.state) == [.halfOpen] && rail.first?.downstream == .rail)
        }
    }

    @Test func thePendingLongestAreTheOldestPendingWithMerchantAndUser() async throws {
        try await withDatabase { (database, client) async throws in
            let merchant = try await TestData.insertMerchant(client, name: "Oldest Shop")
            let (user, _) = try await TestData.bulkPendingPurchases(client, count: 5, merchantID: merchant)
            try await client.query(
                """
                UPDATE purchases SET created_at = now() - make_interval(hours => n::int)
                FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM purchases) o WHERE o.id = purchases.id
                """, logger: TestDatabase.logger)
            try await client.query(
                """
                UPDATE purchases SET status = 'confirmed'
                WHERE id = (SELECT id FROM purchases ORDER BY created_at LIMIT 1)
                """, logger: TestDatabase.logger)
            let pending = try await MoneyOverview(unitOfWork: database).longestPending(limit: 3)
            #expect(pending.count == 3 && pending.allSatisfy { $0.purchase.status == .pending })
            #expect(pending.map(\.purchase.createdAt) == pending.map(\.purchase.createdAt).sorted(), "oldest first")
            #expect(pending.allSatisfy { $0.merchantName == "Oldest Shop" && $0.purchase.userID.uuid == user })
            let lead = try #require(pending.first).purchase.createdAt
            #expect(abs(Date().timeIntervalSince(lead) - 4 * 3600) < 600, "the confirmed 5 h one is skipped")
        }
    }
}
