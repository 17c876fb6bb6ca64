import Application
import Domain
import Foundation
import PostgresNIO

/// Payouts; the `(user_id, idempotency_key)` unique key makes a retried request harmless.
struct PostgresPayoutRepository: PayoutRepository {
    let connection: PostgresConnection
    let logger: Logger

    private typealias PayoutRow = (UUID, UUID, Decimal, String, String, String, String?, Date, Date?, String?)
    private static let columns =
        "id, user_id, amount, method, details::text, status, idempotency_key, requested_at, processed_at, external_reference"

    func insert(_ payout: Payout) async throws -> Bool {
        let details = String(decoding: try JSONEncoder().encode(payout.details), as: UTF8.self)
        let rows = try await connection.query(
            """
            INSERT INTO payouts (id, user_id, amount, method, details, status, idempotency_key, requested_at)
            VALUES (\(payout.id.uuid), \(payout.userID.uuid), \(payout.amount.decimal), \(payout.method.rawValue),
                    \(details)::jsonb, \(payout.status.rawValue), \(payout.idempotencyKey), \(payout.requestedAt))
            ON CONFLICT ON CONSTRAINT payouts_idempotency_key DO NOTHING
            RETURNING id
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    func find(userID: UserID, idempotencyKey: String) async throws -> Payout? {
        var binds = binding(userID.uuid)
        binds.append(idempotencyKey)
        return try await first("SELECT \(Self.columns) FROM payouts WHERE user_id = $1 AND idempotency_key = $2", binds)
    }

    func lock(id: PayoutID) async throws -> Payout? {
        try await first("SELECT \(Self.columns) FROM payouts WHERE id = $1 FOR UPDATE", binding(id.uuid))
    }

    /// Also keeps the settlement queue in step: a payout enters it on `processing` and leaves it when final.
    func update(id: PayoutID, status: PayoutStatus, processedAt: Date?) async throws {
        try await connection.query(
            "UPDATE payouts SET status = \(status.rawValue), processed_at = \(processedAt) WHERE id = \(id.uuid)",
            logger: logger)
        if status == .processing {
            try await connection.query(
                """
                WITH queued AS (
                    INSERT INTO payout_settlements (payout_id) VALUES (\(id.uuid)) ON CONFLICT DO NOTHING RETURNING payout_id
                )
                SELECT pg_notify('payout_processing', payout_id::text) FROM queued
                """, logger: logger)
        } else {
            try await connection.query("DELETE FROM payout_settlements WHERE payout_id = \(id.uuid)", logger: logger)
        }
    }

    func list(userID: UserID?, status: PayoutStatus?, page: PageRequest) async throws -> Page<Payout> {
        var query = FilteredQuery()
        if let userID { query.add("user_id = ?", userID.uuid) }
        if let status { query.add("status = ?", status.rawValue) }
        let (total, rows) = try await query.page(
            "SELECT \(Self.columns) FROM payouts", counting: "payouts", orderBy: "requested_at DESC, id", page: page,
            on: connection, logger: logger)
        var payouts: [Payout] = []
        for try await row in rows.decode(PayoutRow.self) { payouts.append(try Self.payout(row)) }
        return Page(items: payouts, total: total)
    }

    private func first(_ sql: String, _ binds: PostgresBindings) async throws -> Payout? {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        for try await row in rows.decode(PayoutRow.self) { return try Self.payout(row) }
        return nil
    }

    private static func payout(_ row: PayoutRow) throws -> Payout {
        let (id, userID, amount, method, details, status, key, requestedAt, processedAt, reference) = row
        return Payout(
            id: PayoutID(id), userID: UserID(userID),
            amount: try MalformedStoredValue.money(amount, column: "payouts.amount"),
            method: try MalformedStoredValue.choice(method, column: "payouts.method"),
            details: try Self.details(details),
            status: try MalformedStoredValue.choice(status, column: "payouts.status"), idempotencyKey: key,
            requestedAt: requestedAt, processedAt: processedAt, externalReference: reference)
    }

    /// Reads `payouts.details`; a value that is not an object of strings is reported, never replaced by `[:]`.
    static func details(_ text: String) throws -> [String: String] {
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        } catch {
            // The text may hold payment details: the error names its size only, so no log line carries them.
            throw MalformedStoredValue(
                column: "payouts.details", value: "not an object of strings (\(text.utf8.count) bytes)")
        }
    }
}
