import Application
import Foundation
import PostgresNIO

/// The invariants of the books as SQL: each query returns the rows that break one rule.
struct PostgresReconciliationRepository: ReconciliationRepository {
    let connection: PostgresConnection
    let logger: Logger

    /// Rule name and a query returning `(subject, detail)` for every violation.
    static let rules: [(name: String, sql: String)] = [
        (
            "wallet_equals_ledger",
            """
            SELECT w.user_id::text, format('balances %s/%s/%s owed %s, ledger %s/%s/%s owed %s', w.pending_balance,
                   w.available_balance, w.paid_balance, w.owed_balance, coalesce(l.pending, 0),
                   coalesce(l.available, 0), coalesce(l.paid, 0), coalesce(l.owed, 0))
            FROM wallets w LEFT JOIN (
                SELECT user_id, sum(delta) FILTER (WHERE bucket = 'pending') AS pending,
                       sum(delta) FILTER (WHERE bucket = 'available') AS available,
                       sum(delta) FILTER (WHERE bucket = 'paid') AS paid,
                       sum(delta) FILTER (WHERE bucket = 'owed') AS owed
                FROM wallet_ledger GROUP BY user_id) l USING (user_id)
            WHERE w.pending_balance <> coalesce(l.pending, 0) OR w.available_balance <> coalesce(l.available, 0)
               OR w.paid_balance <> coalesce(l.paid, 0) OR w.owed_balance <> coalesce(l.owed, 0)
            """
        ),
        (
            // The monthly cap's counter (ADR 031) equals the sum it stands for.
            "cap_counter_matches_purchases",
            """
            SELECT coalesce(e.user_id, s.user_id)::text,
                   format('offer %s month %s: counter %s, purchases %s', coalesce(e.offer_id, s.offer_id),
                          coalesce(e.month, s.month), coalesce(e.amount, 0), coalesce(s.amount, 0))
            FROM cashback_earned e FULL JOIN (
                SELECT user_id, offer_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month,
                       sum(cashback_amount) AS amount
                FROM purchases WHERE offer_id IS NOT NULL AND status IN ('pending', 'confirmed')
                GROUP BY 1, 2, 3) s USING (user_id, offer_id, month)
            WHERE coalesce(e.amount, 0) <> coalesce(s.amount, 0)
            """
        ),
        (
            "balance_not_negative",
            """
            SELECT user_id::text, format('balances %s/%s/%s owed %s', pending_balance, available_balance,
                   paid_balance, owed_balance)
            FROM wallets
            WHERE pending_balance < 0 OR available_balance < 0 OR paid_balance < 0 OR owed_balance < 0
            """
        ),
        (
            "debt_nets_available",
            """
            SELECT user_id::text, format('available %s while owing %s', available_balance, owed_balance)
            FROM wallets WHERE available_balance > 0 AND owed_balance > 0
            """
        ),
        (
            "purchase_matches_cashback_transaction",
            """
            SELECT p.id::text, format('purchase %s, cashback transaction %s', p.status, coalesce(c.status, 'missing'))
            FROM purchases p LEFT JOIN cashback_transactions c ON c.purchase_id = p.id
            WHERE c.status IS DISTINCT FROM CASE p.status WHEN 'pending' THEN 'pending' WHEN 'confirmed' THEN 'available'
                                                          ELSE 'reversed' END
               OR (p.status <> 'reversed' AND c.amount <> p.cashback_amount)
            """
        ),
        (
            // A purchase's own rows: its cashback in pending while pending; while confirmed, in available net of
            // what it repaid (debt_repaid rows in available and owed cancel out in available − owed); nothing
            // once reversed (a reversal's shortfall is owed: −available + owed = the cashback taken back).
            "purchase_matches_ledger",
            """
            SELECT p.id::text, format('status %s, cashback %s, ledger pending %s available − owed %s', p.status,
                   c.amount, coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'pending'), 0),
                   coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'available'), 0)
                       - coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'owed'), 0))
            FROM purchases p JOIN cashback_transactions c ON c.purchase_id = p.id
            LEFT JOIN wallet_ledger l ON l.reference_id = p.id
            GROUP BY p.id, p.status, c.amount
            HAVING coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'pending'), 0)
                       <> CASE WHEN p.status = 'pending' THEN c.amount ELSE 0 END
                OR coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'available'), 0)
                       - coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'owed'), 0)
                       <> CASE WHEN p.status = 'confirmed' THEN c.amount ELSE 0 END
                OR coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'paid'), 0) <> 0
            """
        ),
        (
            "payout_matches_ledger",
            """
            SELECT p.id::text, format('status %s, amount %s, ledger available − owed %s paid %s', p.status, p.amount,
                   coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'available'), 0)
                       - coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'owed'), 0),
                   coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'paid'), 0))
            FROM payouts p LEFT JOIN wallet_ledger l ON l.reference_id = p.id
            GROUP BY p.id, p.status, p.amount
            HAVING coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'available'), 0)
                       - coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'owed'), 0)
                       <> CASE WHEN p.status = 'failed' THEN 0 ELSE -p.amount END
                OR coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'paid'), 0)
                       <> CASE WHEN p.status = 'completed' THEN p.amount ELSE 0 END
                OR coalesce(sum(l.delta) FILTER (WHERE l.bucket = 'pending'), 0) <> 0
            """
        ),
        (
            // One account per mailbox (ADR 019): an active account without a key shares its mailbox with another
            // one (or was written by an older binary; `clicknback migrate` keys it). Deactivating the duplicate
            // resolves it.
            "account_has_mailbox_key",
            """
            SELECT u.id::text,
                   'no mailbox key: another account holds its mailbox, or clicknback migrate has not keyed it yet'
            FROM users u WHERE u.mailbox_key IS NULL AND u.active
            """
        ),
        (
            "pending_purchase_is_queued",
            """
            SELECT p.id::text, 'pending purchase without a verification-queue row'
            FROM purchases p LEFT JOIN purchase_verifications v ON v.purchase_id = p.id
            WHERE p.status = 'pending' AND v.purchase_id IS NULL
            """
        ),
        (
            "settled_purchase_is_dequeued",
            """
            SELECT p.id::text, format('%s purchase still in the verification queue', p.status)
            FROM purchase_verifications v JOIN purchases p ON p.id = v.purchase_id WHERE p.status <> 'pending'
            """
        ),
    ]

    func check() async throws -> ReconciliationReport {
        var drifts: [Drift] = []
        for rule in Self.rules {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: rule.sql), logger: logger)
            for try await (subject, detail) in rows.decode((String, String).self) {
                drifts.append(Drift(rule: rule.name, subject: subject, detail: detail))
            }
        }
        return ReconciliationReport(
            walletsChecked: try await connection.count("SELECT count(*) FROM wallets", logger: logger),
            purchasesChecked: try await connection.count("SELECT count(*) FROM purchases", logger: logger),
            payoutsChecked: try await connection.count("SELECT count(*) FROM payouts", logger: logger),
            drifts: drifts)
    }
}
