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

    /// How the statistics came to say "empty". `analyzedWhileDrained`: an ANALYZE of the drained queue, refilled
    /// before a vacuum, so the dead rows' pages stay (the old lease write and settle read the whole queue).
    /// `analyzedBeforeTheBacklogCommitted`: an ANALYZE while a backlog's insert was still uncommitted, so the
    /// recorded pages are the queue's pages, all live (the old claim chose its rows by scanning and sorting the
    /// whole queue, and so did the due-time query).
    enum StaleState: CaseIterable, Sendable { case analyzedWhileDrained, analyzedBeforeTheBacklogCommitted }

    @Test(arguments: StaleState.allCases)
    func aClaimASettleAndTheDueTimeReadTheirBatchWhenTheStatisticsSayTheQueueIsEmpty(_ state: StaleState)
        async throws
    {
        try await TestDatabase.withFresh(poolSize: 1) { (client, _) async throws in
            let database = PostgresUnitOfWork(client: client, logger: TestDatabase.logger, leaseTimeout: .seconds(60))
            try await TestData.bulkPendingPurchases(client, count: Self.queued)
            try await Self.makeTheQueueLookEmpty(client, state)
            let (pages, tuples) = try await Self.recordedSize(client)
            try #require(
                pages > 0 && tuples == 0, "the statistics should say \(pages) pages and no rows, not \(tuples) rows")

            let beforeClaim = try await Self.queueRowsRead(client)
            let claims = try await database.transaction {
                try await $0.verifications.claim(limit: Self.batch, owner: "w", lease: .seconds(60))
            }
            let afterClaim = try await Self.queueRowsRead(client)
            #expect(claims.count == Self.batch)
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
            let afterSettle = try await Self.queueRowsRead(client)
            #expect(applied == Set(claims.map(\.purchaseID)))
            // Before: the lease check and the dequeue each read the whole queue (10 000 rows with 5 000 queued).
            let settleRead = afterSettle - afterClaim
            #expect(settleRead <= 3 * Self.batch, "the settle read \(settleRead) queue rows")
            #expect(try await TestData.count(client, "purchase_verifications") == Self.queued - Self.batch)

            let beforeDue = try await Self.queueRowsRead(client)
            let due = try await database.transaction { try await $0.jobQueue.nextDue(.purchaseConfirmation) }
            let dueRead = try await Self.queueRowsRead(client) - beforeDue
            #expect(due == .zero)
            // Before ADR 043: the earliest due item was found by scanning the queue (9 950 rows).
            #expect(dueRead <= Self.batch, "the due-time query read \(dueRead) queue rows")
        }
    }

    /// The state an autovacuum ANALYZE leaves: pages, and `reltuples` 0. For `analyzedBeforeTheBacklogCommitted`
    /// a vacuum that keeps the emptied pages stands in for the concurrent insert: it records the same pages and no
    /// rows, and the refill reuses the pages. Autovacuum is switched off on the tables involved in this throwaway
    /// database, so that it cannot change any statistics meanwhile. Both tables are first analyzed with their rows
    /// in place, as autovacuum would have during an earlier backlog: the queue's column statistics (the due times'
    /// histogram) are kept by an ANALYZE that finds no rows, and with them the planner costs the due index's walk
    /// as high as a scan of the whole queue.
    static func makeTheQueueLookEmpty(_ client: PostgresClient, _ state: StaleState) async throws {
        let keepThePages =
            state == .analyzedBeforeTheBacklogCommitted ? ["VACUUM (TRUNCATE false) purchase_verifications"] : []
        for statement in [
            "ALTER TABLE purchase_verifications SET (autovacuum_enabled = false)",
            "ALTER TABLE purchases SET (autovacuum_enabled = false)",
            "ANALYZE purchases, purchase_verifications",
            "CREATE TEMP TABLE kept AS SELECT * FROM purchase_verifications",
            "DELETE FROM purchase_verifications",
            "ANALYZE purchase_verifications",
        ] + keepThePages + [
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
