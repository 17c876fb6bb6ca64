import PostgresNIO

/// Makes the rest of the current transaction walk a queue's indexes, whatever its statistics say (ADR 043).
///
/// A queue's statistics describe it as the last ANALYZE saw it: after an ANALYZE of a drained queue, or one that
/// ran while a backlog's insert was uncommitted, the planner takes the queue for a single row. With one row
/// expected, scanning the whole table and sorting it costs the same as walking the due index, and the scan won:
/// 27 ms per claim instead of 0.3 ms with 50 000 queued. Every plan a queue statement needs has an index path,
/// so switching off the scans and sorts that read the whole table only ever takes that path.
///
/// The settings are `SET LOCAL` (`set_config(…, true)`): they end with the transaction, so the caller must be
/// in one (`UnitOfWork.transaction`); outside one they would end with this statement.
///
/// The transaction also ends itself when its client goes quiet between statements (`idle_in_transaction_session_
/// timeout`): a worker cut off from the network after its claim but before its `COMMIT` would otherwise hold the
/// claimed rows locked until the server's TCP gave up, minutes later, and every other worker's `SKIP LOCKED` claim
/// would pass them by. The topology test's partition scenario met exactly that.
enum DueIndexPlanning {
    static func apply(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true),
                   set_config('enable_sort', 'off', true), set_config('idle_in_transaction_session_timeout', '5s', true)
            """, logger: logger)
    }
}
