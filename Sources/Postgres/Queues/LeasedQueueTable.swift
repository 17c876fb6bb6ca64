import Foundation
import PostgresNIO

/// The lease bookkeeping both work queues share (`purchase_verifications`, `payout_settlements`): renewing,
/// rescheduling, releasing and fencing rows by lease token. Only the claims differ, so only they are written
/// per queue. Table and key names are constants of this module, never input.
struct LeasedQueueTable {
    let connection: PostgresConnection
    let logger: Logger
    let table: String
    let key: String

    func renew(owner: String, ids: [UUID], lease: Duration) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        var binds = PostgresBindings()
        binds.append(owner)
        binds.append(ids)
        binds.append(Self.milliseconds(lease))
        return try await returningCount(
            """
            UPDATE \(table) SET lease_expires_at = now() + $3 * interval '1 millisecond'
            WHERE lease_owner = $1 AND \(key) = ANY($2) RETURNING \(key)
            """, binds)
    }

    func reschedule(id: UUID, token: UUID, attempts: Int, after delay: Duration, error: String) async throws -> Bool {
        var binds = PostgresBindings()
        binds.append(id)
        binds.append(token)
        binds.append(attempts)
        binds.append(error)
        binds.append(Self.milliseconds(delay))
        return try await returningCount(
            """
            UPDATE \(table) SET attempts = $3, last_error = $4, next_attempt_at = now() + $5 * interval '1 millisecond'
            WHERE \(key) = $1 AND lease_token = $2 RETURNING \(key)
            """, binds) == 1
    }

    func release(id: UUID, token: UUID) async throws {
        _ = try await returningCount(
            """
            UPDATE \(table) SET lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
            WHERE \(key) = $1 AND lease_token = $2 RETURNING \(key)
            """, Self.pair(id, token))
    }

    func holdsLease(id: UUID, token: UUID) async throws -> Bool {
        try await returningCount(
            "SELECT 1 FROM \(table) WHERE \(key) = $1 AND lease_token = $2 FOR UPDATE", Self.pair(id, token)) == 1
    }

    private func returningCount(_ sql: String, _ binds: PostgresBindings) async throws -> Int {
        var count = 0
        for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger) {
            count += 1
        }
        return count
    }

    private static func pair(_ id: UUID, _ token: UUID) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(id)
        binds.append(token)
        return binds
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
