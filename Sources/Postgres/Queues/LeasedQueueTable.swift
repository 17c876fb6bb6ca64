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

    /// The claim. `due` selects `id`, `old_token` and `old_owner` of at most `$3` claimable rows, locked
    /// `FOR UPDATE … SKIP LOCKED`; `select` reads the CTE `claimed` (`id`, `attempts`, `claims`,
    /// `interruptions`, `lease_token`, `created_at`, plus the queue columns `extra` names, each with a leading
    /// comma). Binds: `$1` owner, `$2` lease in milliseconds, `$3` limit.
    ///
    /// The lease is written through the key (`= ANY` of the due ids), never through a join the planner may turn
    /// around: with statistics that say the queue is empty (ADR 042) the join alone scanned the whole queue once
    /// per due row.
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
                        interruptions = q.interruptions + (due.old_token IS NOT NULL)::int
                    FROM due WHERE q.\(queue.key) = due.id AND q.\(queue.key) = ANY (ARRAY(SELECT id FROM due))
                    RETURNING q.\(queue.key) AS id, q.attempts, q.claims, q.interruptions, q.lease_token, q.created_at,
                              due.old_token, due.old_owner\(extra)
                ),
                crashed AS (
                    INSERT INTO job_attempts (job, item_id, attempt, worker, started_at, outcome, error_class, message)
                    SELECT '\(job.rawValue)', id, claims - 1, coalesce(old_owner, 'unknown'), now(), 'crashed',
                           'crashed', 'the attempt never finished: its worker stopped or lost the lease'
                    FROM claimed WHERE old_token IS NOT NULL AND claims > 1
                )
                \(select)
                """, binds: binds)
    }

}
