import Application
import Domain
import Foundation
import PostgresNIO

/// The payout settlement queue, leased like the verification queue.
struct PostgresPayoutQueueRepository: PayoutQueueRepository {
    let connection: PostgresConnection
    let logger: Logger

    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedPayout] {
        let rows = try await connection.query(
            """
            WITH due AS (
                SELECT payout_id FROM payout_settlements
                WHERE next_attempt_at <= now() AND (lease_expires_at IS NULL OR lease_expires_at < now())
                ORDER BY next_attempt_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
            )
            UPDATE payout_settlements s
            SET lease_owner = \(owner), lease_token = gen_random_uuid(),
                lease_expires_at = now() + \(LeasedQueueTable.milliseconds(lease)) * interval '1 millisecond'
            FROM due WHERE s.payout_id = due.payout_id
            RETURNING s.payout_id, s.attempts, s.lease_token
            """, logger: logger)
        var claims: [ClaimedPayout] = []
        for try await (payout, attempts, token) in rows.decode((UUID, Int, UUID).self) {
            claims.append(ClaimedPayout(payoutID: PayoutID(payout), attempts: attempts, leaseToken: token))
        }
        return claims
    }

    func renew(owner: String, payoutIDs: [PayoutID], lease: Duration) async throws -> Int {
        try await leases.renew(owner: owner, ids: payoutIDs.map(\.uuid), lease: lease)
    }

    func reschedule(_ claim: ClaimedPayout, attempts: Int, after delay: Duration, error: String) async throws
        -> Bool
    {
        try await leases.reschedule(
            id: claim.payoutID.uuid, token: claim.leaseToken, attempts: attempts, after: delay, error: error)
    }

    func release(_ claim: ClaimedPayout) async throws {
        try await leases.release(id: claim.payoutID.uuid, token: claim.leaseToken)
    }

    func holdsLease(_ claim: ClaimedPayout) async throws -> Bool {
        try await leases.holdsLease(id: claim.payoutID.uuid, token: claim.leaseToken)
    }

    private var leases: LeasedQueueTable {
        LeasedQueueTable(connection: connection, logger: logger, table: "payout_settlements", key: "payout_id")
    }
}
