import Application
import Domain
import Foundation
import PostgresNIO

/// The purchase verification queue. One statement claims a batch with `FOR UPDATE SKIP LOCKED`, honouring
/// the `purchase_auto_confirm` flags (scoped → global → enabled); lease times use the database clock.
struct PostgresVerificationQueueRepository: VerificationQueueRepository {
    let connection: PostgresConnection
    let logger: Logger

    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedVerification] {
        let rows = try await connection.query(
            """
            WITH global AS (
                SELECT enabled FROM feature_flags
                WHERE key = 'purchase_auto_confirm' AND scope_type = 'global' AND scope_id IS NULL
            ), due AS (
                SELECT v.purchase_id
                FROM purchase_verifications v
                JOIN purchases p ON p.id = v.purchase_id
                LEFT JOIN feature_flags uf
                       ON uf.key = 'purchase_auto_confirm' AND uf.scope_type = 'user' AND uf.scope_id = p.user_id
                LEFT JOIN feature_flags mf
                       ON mf.key = 'purchase_auto_confirm' AND mf.scope_type = 'merchant' AND mf.scope_id = p.merchant_id
                WHERE v.next_attempt_at <= now()
                  AND (v.lease_expires_at IS NULL OR v.lease_expires_at < now())
                  AND coalesce(uf.enabled, (SELECT enabled FROM global), true)
                  AND coalesce(mf.enabled, (SELECT enabled FROM global), true)
                ORDER BY v.next_attempt_at
                LIMIT \(limit)
                FOR UPDATE OF v SKIP LOCKED
            )
            UPDATE purchase_verifications v
            SET lease_owner = \(owner), lease_token = gen_random_uuid(),
                lease_expires_at = now() + \(LeasedQueueTable.milliseconds(lease)) * interval '1 millisecond'
            FROM due JOIN purchases p ON p.id = due.purchase_id
            WHERE v.purchase_id = due.purchase_id
            RETURNING v.purchase_id, p.merchant_id, v.attempts, v.lease_token, v.created_at
            """, logger: logger)
        var claims: [ClaimedVerification] = []
        for try await (purchase, merchant, attempts, token, created) in rows.decode((UUID, UUID, Int, UUID, Date).self)
        {
            claims.append(
                ClaimedVerification(
                    purchaseID: PurchaseID(purchase), merchantID: MerchantID(merchant), attempts: attempts,
                    leaseToken: token, enqueuedAt: created))
        }
        return claims
    }

    func renew(owner: String, purchaseIDs: [PurchaseID], lease: Duration) async throws -> Int {
        try await leases.renew(owner: owner, ids: purchaseIDs.map(\.uuid), lease: lease)
    }

    func reschedule(_ claim: ClaimedVerification, attempts: Int, after delay: Duration, error: String) async throws
        -> Bool
    {
        try await leases.reschedule(
            id: claim.purchaseID.uuid, token: claim.leaseToken, attempts: attempts, after: delay, error: error)
    }

    func release(_ claim: ClaimedVerification) async throws {
        try await leases.release(id: claim.purchaseID.uuid, token: claim.leaseToken)
    }

    private var leases: LeasedQueueTable {
        LeasedQueueTable(connection: connection, logger: logger, table: "purchase_verifications", key: "purchase_id")
    }
}
