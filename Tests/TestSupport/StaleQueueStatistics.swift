public import PostgresNIO

/// Puts `purchase_verifications` in the states that made the worker slow in benchmark runs (ADRs 042 and 043),
/// and counts the queue rows a statement reads, so that tests can hold the queue statements to reading their batch
/// whatever the planner believes of the queue's size. Meant for a throwaway database on a pool of one connection:
/// `pg_stat_force_next_flush()` then makes the counters exact after each step.
public enum StaleQueueStatistics {
    /// How the statistics came to say "empty". `analyzedWhileDrained`: an ANALYZE of the drained queue, refilled
    /// before a vacuum, so the dead rows' pages stay. `analyzedBeforeTheBacklogCommitted`: an ANALYZE while a
    /// backlog's insert was still uncommitted, so the recorded pages are the queue's pages, all live.
    public enum State: CaseIterable, Sendable { case analyzedWhileDrained, analyzedBeforeTheBacklogCommitted }

    /// Makes the queue's statistics say pages and no rows (`reltuples` 0) while it holds what it held. For
    /// `analyzedBeforeTheBacklogCommitted` a vacuum that keeps the emptied pages stands in for the concurrent
    /// insert: it records the same pages and no rows, and the refill reuses the pages. Autovacuum is switched off
    /// on the tables involved, so that it cannot change any statistics meanwhile. Both tables are first analyzed
    /// with their rows in place, as autovacuum would have during an earlier backlog: an ANALYZE that finds no rows
    /// keeps the queue's column statistics (the due times' histogram), and with them the planner costs the due
    /// index's walk as high as a scan of the whole queue.
    public static func make(_ client: PostgresClient, _ state: State) async throws {
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
    public static func recordedSize(_ client: PostgresClient) async throws -> (pages: Int, tuples: Double) {
        let rows = try await client.query(
            "SELECT relpages::int8, reltuples::float8 FROM pg_class WHERE relname = 'purchase_verifications'",
            logger: TestDatabase.logger)
        for try await size in rows.decode((Int, Double).self) { return size }
        return (0, -1)
    }

    /// Queue rows read so far (sequential-scan tuples plus index fetches of `purchase_verifications`), with this
    /// connection's pending statistics flushed first: the flush forced by the first statement happens when it
    /// ends, before the second reads.
    public static func queueRowsRead(_ client: PostgresClient) async throws -> Int {
        try await client.query("SELECT pg_stat_force_next_flush()", logger: TestDatabase.logger)
        let rows = try await client.query(
            """
            SELECT (seq_tup_read + coalesce(idx_tup_fetch, 0))::int8 FROM pg_stat_user_tables
            WHERE relname = 'purchase_verifications'
            """, logger: TestDatabase.logger)
        for try await reads in rows.decode(Int.self) { return reads }
        return 0
    }

    /// Whether the connection plans with its usual settings: the pinned plans of a claim end with its transaction.
    public static func plansAsUsual(_ client: PostgresClient) async throws -> Bool {
        let rows = try await client.query(
            """
            SELECT current_setting('enable_seqscan') = 'on' AND current_setting('enable_bitmapscan') = 'on'
                   AND current_setting('enable_sort') = 'on'
            """, logger: TestDatabase.logger)
        for try await usual in rows.decode(Bool.self) { return usual }
        return false
    }
}
