import Application
import Domain
import PostgresNIO

/// The shared rate limit as a reservation clock per downstream (GCRA): one statement takes the next free
/// slot and moves the clock on by one interval, so calls from every worker are spaced `interval` apart.
struct PostgresDownstreamRateLimitRepository: DownstreamRateLimitRepository {
    let connection: PostgresConnection
    let logger: Logger

    func reserve(_ downstream: Downstream, interval: Duration, maxWait: Duration) async throws -> Duration? {
        var binds = PostgresBindings()
        binds.append(downstream.rawValue)
        binds.append(Double(interval.wholeMicroseconds))
        binds.append(Double(maxWait.wholeMicroseconds))
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    UPDATE downstream_rate_limits
                    SET next_slot_at = greatest(next_slot_at, clock_timestamp()) + $2 * interval '1 microsecond'
                    WHERE downstream = $1
                      AND greatest(next_slot_at, clock_timestamp()) <= clock_timestamp() + $3 * interval '1 microsecond'
                    RETURNING extract(epoch FROM next_slot_at - $2 * interval '1 microsecond' - clock_timestamp())::float8
                    """, binds: binds), logger: logger)
        var wait: Duration?
        for try await seconds in rows.decode(Double.self) { wait = .microseconds(Int64(max(0, seconds) * 1_000_000)) }
        return wait
    }
}
