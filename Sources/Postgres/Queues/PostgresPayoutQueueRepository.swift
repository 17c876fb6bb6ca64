import Application
import Domain
import Foundation
import PostgresNIO

/// The payout settlement queue's claim (payouts in `processing`), with each payout's idempotency key.
struct PostgresPayoutQueueRepository: PayoutQueueRepository {
    let connection: PostgresConnection
    let logger: Logger

    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedPayout] {
        let query = LeasedQueueTable.claimQuery(
            .payoutSettlement,
            due: """
                SELECT q.payout_id AS id, q.lease_token AS old_token, q.lease_owner AS old_owner,
                       q.claims AS old_claims
                FROM payout_settlements q
                WHERE \(LeasedQueueTable.claimable)
                ORDER BY q.next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
                """,
            extra: ", q.idempotency_key",
            select: """
                SELECT c.id, c.lease_token, c.attempts, c.claims, c.interruptions, c.idempotency_key, p.user_id, p.amount
                FROM claimed c JOIN payouts p ON p.id = c.id
                """,
            owner: owner, lease: lease, limit: limit)
        var claims: [ClaimedPayout] = []
        let rows = try await LeasedQueueTable.runClaim(query, on: connection, logger: logger)
        for try await (id, token, attempts, count, interruptions, key, user, amount)
            in rows.decode((UUID, UUID, Int, Int, Int, UUID, UUID, Decimal).self)
        {
            claims.append(
                ClaimedPayout(
                    payoutID: PayoutID(id), userID: UserID(user),
                    amount: try MalformedStoredValue.money(amount, column: "payouts.amount"), idempotencyKey: key,
                    lease: QueueLease(
                        itemID: id, token: token, attempts: attempts, claims: count, interruptions: interruptions)))
        }
        return claims
    }

    func holdsLease(_ claim: ClaimedPayout) async throws -> Bool {
        var binds = PostgresBindings()
        binds.append(claim.payoutID.uuid)
        binds.append(claim.leaseToken)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT 1 FROM payout_settlements WHERE payout_id = $1 AND lease_token = $2 FOR UPDATE",
                binds: binds), logger: logger)
        var held = false
        for try await _ in rows { held = true }
        return held
    }
}
