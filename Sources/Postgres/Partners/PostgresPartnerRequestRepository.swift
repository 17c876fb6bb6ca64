import Application
import Domain
import PostgresNIO

/// The partner request guards every API instance shares: a signature insert that also forgets expired ones, and
/// a reservation clock per partner like the downstreams' (GCRA), one statement, and a second to read the wait
/// when the partner is refused.
struct PostgresPartnerRequestRepository: PartnerRequestRepository {
    let connection: PostgresConnection
    let logger: Logger

    func recordSignature(_ signature: String, memory: Duration) async throws -> Bool {
        let rows = try await connection.query(
            """
            WITH forgotten AS (
                DELETE FROM partner_signatures
                WHERE seen_at < clock_timestamp() - \(Double(memory.wholeMicroseconds)) * interval '1 microsecond'
            ), recorded AS (
                INSERT INTO partner_signatures (signature) VALUES (\(signature)) ON CONFLICT DO NOTHING RETURNING 1
            )
            SELECT count(*)::int FROM recorded
            """, logger: logger)
        var recorded = false
        for try await count in rows.decode(Int.self) { recorded = count == 1 }
        return recorded
    }

    func takeSlot(for partner: PartnerID, interval: Duration, burst: Int) async throws -> Duration? {
        let step = Double(interval.wholeMicroseconds)
        // How far ahead of now the clock may run: `burst - 1` slots, so `burst` requests pass at once.
        let tolerance = step * Double(max(0, burst - 1))
        let taken = try await connection.query(
            """
            INSERT INTO partner_rate_limits AS r (partner_id, next_slot_at)
            VALUES (\(partner.uuid), clock_timestamp() + \(step) * interval '1 microsecond')
            ON CONFLICT (partner_id) DO UPDATE
            SET next_slot_at = greatest(r.next_slot_at, clock_timestamp()) + \(step) * interval '1 microsecond'
            WHERE greatest(r.next_slot_at, clock_timestamp()) <= clock_timestamp() + \(tolerance) * interval '1 microsecond'
            RETURNING 1
            """, logger: logger)
        var granted = false
        for try await _ in taken { granted = true }
        if granted { return nil }
        // Refused. The wait comes from a statement of its own: within the upsert, a read of the clock would see it
        // as it was when the statement began, before the concurrent requests that filled the bucket.
        let clock = try await connection.query(
            """
            SELECT extract(epoch FROM greatest(next_slot_at, clock_timestamp()) - clock_timestamp())::float8
            FROM partner_rate_limits WHERE partner_id = \(partner.uuid)
            """, logger: logger)
        var wait = Duration.zero
        for try await ahead in clock.decode(Double.self) {
            wait = .microseconds(Int64(max(0, ahead * 1_000_000 - tolerance)))
        }
        return wait
    }
}
