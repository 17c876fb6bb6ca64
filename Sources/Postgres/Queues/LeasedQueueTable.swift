import Domain
import PostgresNIO

/// A job's queue table and the claim statement every queue shares: lease the due rows a job-specific
/// selection found, count the claim, count an interruption for a row that was still leased (its holder
/// crashed or lost the lease) and journal that crashed attempt — all in one statement. Table and key names
/// are constants of this module, never input.
struct LeasedQueueTable {
    let table: String
    let key: String

    static func of(_ job: JobKind) -> LeasedQueueTable {
        switch job {
        case .purchaseConfirmation: LeasedQueueTable(table: "purchase_verifications", key: "purchase_id")
        case .payoutSettlement: LeasedQueueTable(table: "payout_settlements", key: "payout_id")
        }
    }

    /// The condition of a row that may be claimed now (`q` is the queue table's alias).
    static let claimable =
        "q.parked_at IS NULL AND q.next_attempt_at <= now() AND (q.lease_expires_at IS NULL OR q.lease_expires_at < now())"

    /// The claim. `due` selects `id`, `old_token`, `old_owner` and `old_claims` (the row's `lease_token`,
    /// `lease_owner` and `claims` before this claim) of at most `$3` claimable rows, locked `FOR UPDATE … SKIP
    /// LOCKED`; `select` reads the CTE `claimed` (`id`, `attempts`, `claims`, `interruptions`, `lease_token`,
    /// `created_at`, plus the queue columns `extra` names, each with a leading comma). Binds: `$1` owner, `$2` lease
    /// in milliseconds, `$3` limit.
    ///
    /// The lease is written through the key (`= ANY` of the due ids) and joins nothing: with statistics that say
    /// the queue is empty (ADR 042), a join of the due rows to the queue was planned as a scan of one side per row
    /// of the other, which grew with the square of the claim. The crashed attempts are journaled from `due`.
    static func claimQuery(
        _ job: JobKind, due: String, extra: String = "", select: String, owner: String, lease: Duration, limit: Int
    ) -> PostgresQuery {
        let queue = of(job)
        var binds = PostgresBindings()
        binds.append(owner)
        binds.append(Int(lease.wholeMilliseconds))
        binds.append(limit)
        return PostgresQuery(
            unsafeSQL: """
                WITH due AS (\(due)),
                claimed AS (
                    UPDATE \(queue.table) q
                    SET lease_owner = $1, lease_token = gen_random_uuid(),
                        lease_expires_at = now() + $2 * interval '1 millisecond',
                        claims = q.claims + 1,
                        interruptions = q.interruptions + (q.lease_token IS NOT NULL)::int
                    WHERE q.\(queue.key) = ANY (ARRAY(SELECT id FROM due))
                    RETURNING q.\(queue.key) AS id, q.attempts, q.claims, q.interruptions, q.lease_token,
                              q.created_at\(extra)
                ),
                crashed AS (
                    INSERT INTO job_attempts (job, item_id, attempt, worker, started_at, outcome, error_class, message)
                    SELECT '\(job.rawValue)', id, old_claims, coalesce(old_owner, 'unknown'), now(), 'crashed',
                           'crashed', 'the attempt never finished: its worker stopped or lost the lease'
                    FROM due WHERE old_token IS NOT NULL AND old_claims >= 1
                )
                \(select)
                """, binds: binds)
    }

    /// Runs a claim built by `claimQuery`, its plan pinned to the due index first (`DueIndexPlanning`, ADR 043):
    /// every claim goes through here, so none can forget the pin. The caller must be in a transaction.
    static func runClaim(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws
        -> PostgresRowSequence
    {
        try await DueIndexPlanning.apply(on: connection, logger: logger)
        return try await connection.query(query, logger: logger)
    }

}
