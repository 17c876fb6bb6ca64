import Application
import Domain
import PostgresNIO

/// Each worker's breaker state per job (`worker_breakers`): the worker writes it every few seconds, the console
/// reads it.
extension PostgresJobQueueRepository {
    func breakers(_ job: JobKind) async throws -> [BreakerReport] {
        var binds = PostgresBindings()
        binds.append(job.rawValue)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT worker, downstream, state, extract(epoch FROM now() - reported_at)::float8
                    FROM worker_breakers WHERE job = $1 ORDER BY reported_at DESC, worker
                    """, binds: binds), logger: logger)
        var reports: [BreakerReport] = []
        for try await (worker, downstream, state, age) in rows.decode((String, String, String, Double).self) {
            reports.append(
                BreakerReport(
                    worker: worker, downstream: try MalformedStoredValue.choice(downstream, column: "downstream"),
                    state: try MalformedStoredValue.choice(state, column: "worker_breakers.state"), ageSeconds: age))
        }
        return reports
    }

    func reportBreaker(_ job: JobKind, worker: String, state: BreakerState) async throws {
        var binds = PostgresBindings()
        binds.append(worker)
        binds.append(job.rawValue)
        binds.append(job.downstream.rawValue)
        binds.append(state.rawValue)
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    WITH forgotten AS (DELETE FROM worker_breakers WHERE reported_at < now() - interval '1 day')
                    INSERT INTO worker_breakers (worker, job, downstream, state) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (worker, job) DO UPDATE
                    SET downstream = excluded.downstream, state = excluded.state, reported_at = now()
                    """, binds: binds), logger: logger)
    }
}
