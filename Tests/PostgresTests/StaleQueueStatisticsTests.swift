import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

/// ADR 042: a queue table's statistics describe the queue as the last ANALYZE saw it, and a queue swings between
/// empty and large. This test puts the table in the state that slowed the worker threefold in a benchmark run
/// (ANALYZE of a drained queue: pages, but no live rows, so the planner takes the queue for empty), refills it,
/// and counts the queue rows the claim and the settle read (`pg_stat_user_tables`): a batch's worth, not the queue.
///
/// One connection runs everything, so `pg_stat_force_next_flush()` makes the counters exact after each step.
/// The statistics of `purchases` are fresh and frozen, so that the plans depend only on the queue's.
@Suite struct StaleQueueStatisticsTests {
    /// Big enough that scanning the queue costs the planner more than 50 key probes: a queue of a few dozen pages
    /// may rightly be scanned whole (at 2 000 items the settle's lease check sometimes was, at no real cost).
    static let queued = 10_000
    static let batch = 50

    @Test func aClaimAndASettleReadTheirBatchWhenTheStatisticsSayTheQueueIsEmpty() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { (client, _) async throws in
            let database = PostgresUnitOfWork(client: client, logger: TestDatabase.logger, leaseTimeout: .seconds(60))
            try await TestData.bulkPendingPurchases(client, count: Self.queued)
            try await Self.makeTheQueueLookEmpty(client)
            let (pages, tuples) = try await Self.recordedSize(client)
            try #require(
                pages > 0 && tuples == 0, "the statistics should say \(pages) pages and no rows, not \(tuples) rows")

            let beforeClaim = try await Self.queueRowsRead(client)
            let claims = try await database.withConnection {
                try await $0.verifications.claim(limit: Self.batch, owner: "w", lease: .seconds(60))
            }
            let afterClaim = try await Self.queueRowsRead(client)
            #expect(claims.count == Self.batch)
            // Before: the lease was written through a join that read the whole queue (5 050 rows with 5 000 queued).
            let claimRead = afterClaim - beforeClaim
            #expect(claimRead <= 3 * Self.batch, "the claim read \(claimRead) queue rows")

            let settlements = claims.map {
                PendingSettlement(claim: $0, settlement: .confirmation, action: .purchaseConfirmed, reason: nil)
            }
            let applied = try await database.withConnection {
                try await $0.purchases.settleIfPending(settlements, at: Date())
            }
            let afterSettle = try await Self.queueRowsRead(client)
            #expect(applied == Set(claims.map(\.purchaseID)))
            // Before: the lease check and the dequeue each read the whole queue (10 000 rows with 5 000 queued).
            let settleRead = afterSettle - afterClaim
            #expect(settleRead <= 3 * Self.batch, "the settle read \(settleRead) queue rows")
            #expect(try await TestData.count(client, "purchase_verifications") == Self.queued - Self.batch)
        }
    }

    /// The state an autovacuum ANALYZE leaves after a drain: the dead rows' pages, and `reltuples` 0. Autovacuum is
    /// switched off on the tables involved in this throwaway database, so that it cannot change any statistics
    /// meanwhile; `purchases` is analyzed with its rows in place, as a long-lived table would be.
    static func makeTheQueueLookEmpty(_ client: PostgresClient) async throws {
        for statement in [
            "ALTER TABLE purchase_verifications SET (autovacuum_enabled = false)",
            "ALTER TABLE purchases SET (autovacuum_enabled = false)",
            "ANALYZE purchases",
            "CREATE TEMP TABLE kept AS SELECT * FROM purchase_verifications",
            "DELETE FROM purchase_verifications",
            "ANALYZE purchase_verifications",
            "INSERT INTO purchase_verifications SELECT * FROM kept",
            "DROP TABLE kept",
        ] {
            try await client.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger)
        }
    }

    /// What `pg_class` says of the queue: its pages and rows when last analyzed; the planner's row estimate is
    /// the table's current pages times their ratio.
    static func recordedSize(_ client: PostgresClient) async throws -> (pages: Int, tuples: Double) {
        let rows = try await client.query(
            "SELECT relpages::int8, reltuples::float8 FROM pg_class WHERE relname = 'purchase_verifications'",
            logger: TestDatabase.logger)
        for try await size in rows.decode((Int, Double).self) { return size }
        return (0, -1)
    }

    /// Queue rows read so far (sequential-scan tuples plus index fetches of `purchase_verifications`), with this
    /// connection's pending statistics flushed first: the flush forced by the first statement happens when it
    /// ends, before the second reads.
    static func queueRowsRead(_ client: PostgresClient) async throws -> Int {
        try await client.query("SELECT pg_stat_force_next_flush()", logger: TestDatabase.logger)
        let rows = try await client.query(
            """
            SELECT (seq_tup_read + coalesce(idx_tup_fetch, 0))::int8 FROM pg_stat_user_tables
            WHERE relname = 'purchase_verifications'
            """, logger: TestDatabase.logger)
        for try await reads in rows.decode(Int.self) { return reads }
        return 0
    }
}
