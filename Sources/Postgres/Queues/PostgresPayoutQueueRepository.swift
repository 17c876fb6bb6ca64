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
                lease_expires_at = now() + \(PostgresVerificationQueueRepository.milliseconds(lease)) * interval '1 millisecond'
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
        guard !payoutIDs.isEmpty else { return 0 }
        let rows = try await connection.query(
            """
            UPDATE payout_settlements
            SET lease_expires_at = now() + \(PostgresVerificationQueueRepository.milliseconds(lease)) * interval '1 millisecond'
            WHERE lease_owner = \(owner) AND payout_id = ANY(\(payoutIDs.map(\.uuid)))
            RETURNING payout_id
            """, logger: logger)
        var renewed = 0
        for try await _ in rows { renewed += 1 }
        return renewed
    }

    func reschedule(_ claim: ClaimedPayout, attempts: Int, after delay: Duration, error: String) async throws -> Bool {
        let rows = try await connection.query(
            """
            UPDATE payout_settlements
            SET attempts = \(attempts), last_error = \(error),
                next_attempt_at = now() + \(PostgresVerificationQueueRepository.milliseconds(delay)) * interval '1 millisecond'
            WHERE payout_id = \(claim.payoutID.uuid) AND lease_token = \(claim.leaseToken)
            RETURNING payout_id
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    func release(_ claim: ClaimedPayout) async throws {
        try await connection.query(
            """
            UPDATE payout_settlements SET lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
            WHERE payout_id = \(claim.payoutID.uuid) AND lease_token = \(claim.leaseToken)
            """, logger: logger)
    }

    func holdsLease(_ claim: ClaimedPayout) async throws -> Bool {
        let rows = try await connection.query(
            """
            SELECT 1 FROM payout_settlements
            WHERE payout_id = \(claim.payoutID.uuid) AND lease_token = \(claim.leaseToken) FOR UPDATE
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }
}
