import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

/// ADRs 042 and 043: a queue table's statistics describe the queue as the last ANALYZE saw it, and a queue swings
/// between empty and large. These tests put the table in the states that slowed the worker in benchmark runs (pages,
/// but no live rows, so the planner takes the queue for a single row), refill it, and count the queue rows the
/// claim, the settle and the due-time query read (`pg_stat_user_tables`): a batch's worth, not the queue.
///
/// One connection runs everything, so `pg_stat_force_next_flush()` makes the counters exact after each step.
/// The statistics of `purchases` are fresh and frozen, so that the plans depend only on the queue's.
@Suite struct StaleQueueStatisticsTests {
    /// Big enough that scanning the queue costs the planner more than 50 key probes: a queue of a few dozen pages
    /// may rightly be scanned whole (at 2 000 items the settle's lease check sometimes was, at no real cost).
    static let queued = 10_000
    static let batch = 50

    @Test(arguments: StaleQueueStatistics.State.allCases)
    func aClaimASettleAndTheDueTimeReadTheirBatchWhenTheStatisticsSayTheQueueIsEmpty(
        _ state: StaleQueueStatistics.State
    )
        async throws
    {
        try await TestDatabase.withFresh(poolSize: 1) { (client, _) async throws in
            let database = PostgresUnitOfWork(client: client, logger: TestDatabase.logger, leaseTimeout: .seconds(60))
            try await TestData.bulkPendingPurchases(client, count: Self.queued)
            try await StaleQueueStatistics.make(client, state)
            let (pages, tuples) = try await StaleQueueStatistics.recordedSize(client)
            try #require(
                pages > 0 && tuples == 0, "the statistics should say \(pages) pages and no rows, not \(tuples) rows")

            let beforeClaim = try await StaleQueueStatistics.queueRowsRead(client)
            let claims = try await database.transaction {
                try await $0.verifications.claim(limit: Self.batch, owner: "w", lease: .seconds(60))
            }
            let afterClaim = try await StaleQueueStatistics.queueRowsRead(client)
            #expect(claims.count == Self.batch)
            #expect(try await StaleQueueStatistics.plansAsUsual(client), "the pinned plans outlived the claim")
            // Before ADR 042: the lease was written through a join that read the whole queue (5 050 rows with 5 000
            // queued); before ADR 043, the due rows were chosen by scanning it (10 000 rows).
            let claimRead = afterClaim - beforeClaim
            #expect(claimRead <= 3 * Self.batch, "the claim read \(claimRead) queue rows")

            let settlements = claims.map {
                PendingSettlement(claim: $0, settlement: .confirmation, action: .purchaseConfirmed, reason: nil)
            }
            let applied = try await database.withConnection {
                try await $0.purchases.settleIfPending(settlements, at: Date())
            }
            let afterSettle = try await StaleQueueStatistics.queueRowsRead(client)
            #expect(applied == Set(claims.map(\.purchaseID)))
            // Before ADR 042: the lease check and the dequeue each read the whole queue (10 000 rows with 5 000
            // queued); before ADR 043, the lease check read it in one state (10 052 rows).
            let settleRead = afterSettle - afterClaim
            #expect(settleRead <= 3 * Self.batch, "the settle read \(settleRead) queue rows")
            #expect(try await TestData.count(client, "purchase_verifications") == Self.queued - Self.batch)

            let beforeDue = try await StaleQueueStatistics.queueRowsRead(client)
            let due = try await database.transaction { try await $0.jobQueue.nextDue(.purchaseConfirmation) }
            let dueRead = try await StaleQueueStatistics.queueRowsRead(client) - beforeDue
            #expect(due == .zero)
            // Before ADR 043: the earliest due item was found by scanning the queue (9 950 rows).
            #expect(dueRead <= Self.batch, "the due-time query read \(dueRead) queue rows")
        }
    }
}
