import Application
import Domain
import Foundation
import PostgresNIO

/// The purchase verification queue's claim, honouring the `purchase_auto_confirm` flags (scoped → global →
/// enabled); the lease bookkeeping is `LeasedQueueTable`'s and `PostgresJobQueueRepository`'s.
///
/// The due rows are chosen from the queue table alone: the flags need the item's purchase only when some user or
/// merchant has a flag of its own. A join to `purchases` before the `LIMIT` read a purchase for every queued item
/// whenever the planner believed the queue empty (ADR 042).
struct PostgresVerificationQueueRepository: VerificationQueueRepository {
    let connection: PostgresConnection
    let logger: Logger

    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedVerification] {
        let query = LeasedQueueTable.claimQuery(
            .purchaseConfirmation,
            due: """
                SELECT q.purchase_id AS id, q.lease_token AS old_token, q.lease_owner AS old_owner,
                       q.claims AS old_claims
                FROM purchase_verifications q
                WHERE \(LeasedQueueTable.claimable)
                  AND CASE WHEN EXISTS (\(Self.scopedAutoConfirm)) THEN (\(Self.itemAutoConfirm))
                           ELSE coalesce((\(Self.globalAutoConfirm)), true) END
                ORDER BY q.next_attempt_at
                LIMIT $3
                FOR UPDATE OF q SKIP LOCKED
                """,
            select: """
                SELECT c.id, c.lease_token, c.attempts, c.claims, c.interruptions, c.created_at,
                       p.merchant_id, p.user_id, p.amount, p.currency
                FROM claimed c JOIN purchases p ON p.id = c.id
                """,
            owner: owner, lease: lease, limit: limit)
        var claims: [ClaimedVerification] = []
        let rows = try await LeasedQueueTable.runClaim(query, on: connection, logger: logger)
        for try await (id, token, attempts, count, interruptions, created, merchant, user, amount, currency)
            in rows.decode((UUID, UUID, Int, Int, Int, Date, UUID, UUID, Decimal, String).self)
        {
            let money = try MalformedStoredValue.money(amount, column: "purchases.amount")
            claims.append(
                ClaimedVerification(
                    purchaseID: PurchaseID(id), merchantID: MerchantID(merchant), userID: UserID(user), amount: money,
                    currency: currency,
                    lease: QueueLease(
                        itemID: id, token: token, attempts: attempts, claims: count, interruptions: interruptions),
                    enqueuedAt: created))
        }
        return claims
    }

    private static let globalAutoConfirm = """
        SELECT enabled FROM feature_flags
        WHERE key = 'purchase_auto_confirm' AND scope_type = 'global' AND scope_id IS NULL
        """

    /// Whether any user or merchant has a flag of its own: evaluated once per claim. Without one, every item
    /// follows the global flag and the claim reads no purchase until it has chosen its rows.
    private static let scopedAutoConfirm = """
        SELECT 1 FROM feature_flags WHERE key = 'purchase_auto_confirm' AND scope_type IN ('user', 'merchant')
        """

    /// The item's own answer (`q` is the queue row): its user's flag, else the global one, and its merchant's
    /// flag, else the global one; on by default.
    private static let itemAutoConfirm = """
        SELECT coalesce(uf.enabled, (\(globalAutoConfirm)), true)
               AND coalesce(mf.enabled, (\(globalAutoConfirm)), true)
        FROM purchases p
        LEFT JOIN feature_flags uf
               ON uf.key = 'purchase_auto_confirm' AND uf.scope_type = 'user' AND uf.scope_id = p.user_id
        LEFT JOIN feature_flags mf
               ON mf.key = 'purchase_auto_confirm' AND mf.scope_type = 'merchant' AND mf.scope_id = p.merchant_id
        WHERE p.id = q.purchase_id
        """
}
