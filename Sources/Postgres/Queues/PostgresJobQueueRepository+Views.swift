import Application
import Domain
import Foundation
import PostgresNIO

/// What operators read about a job's queue, and the attempt journal.
extension PostgresJobQueueRepository {
    /// The state of row `q` as operators see it (`JobItemState`).
    private static let state = """
        CASE WHEN q.parked_at IS NOT NULL THEN 'parked'
             WHEN q.lease_expires_at > now() THEN 'running'
             WHEN q.next_attempt_at > now() THEN 'retrying'
             ELSE 'due' END
        """

    private static func condition(_ state: JobItemState) -> String {
        let unleased = "q.parked_at IS NULL AND (q.lease_expires_at IS NULL OR q.lease_expires_at <= now())"
        return switch state {
        case .parked: "q.parked_at IS NOT NULL"
        case .running: "q.parked_at IS NULL AND q.lease_expires_at > now()"
        case .retrying: "\(unleased) AND q.next_attempt_at > now()"
        case .due: "\(unleased) AND q.next_attempt_at <= now()"
        }
    }

    func summary(_ job: JobKind) async throws -> JobQueueSummary {
        let queue = LeasedQueueTable.of(job)
        let states = JobItemState.allCases
        let counts = states.map { "count(*) FILTER (WHERE \(Self.condition($0)))::int" }.joined(separator: ", ")
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(counts),
                           coalesce(extract(epoch FROM now() - min(q.next_attempt_at)
                                    FILTER (WHERE \(Self.condition(.due)))), 0)::float8
                    FROM \(queue.table) q
                    """), logger: logger)
        for try await (due, running, retrying, parked, age) in rows.decode((Int, Int, Int, Int, Double).self) {
            let values = [due, running, retrying, parked]
            return JobQueueSummary(
                job: job, counts: Dictionary(uniqueKeysWithValues: zip(states, values)), oldestDueAgeSeconds: age)
        }
        return JobQueueSummary(job: job, counts: [:], oldestDueAgeSeconds: 0)
    }

    func items(_ job: JobKind, state: JobItemState?, page: PageRequest) async throws -> Page<JobItem> {
        let order = state == .parked ? "q.parked_at" : "q.next_attempt_at"
        var binds = PostgresBindings()
        binds.append(page.limit)
        binds.append(page.offset)
        let items = try await select(
            job, where: state.map(Self.condition) ?? "true",
            tail: "ORDER BY \(order), q.\(LeasedQueueTable.of(job).key) LIMIT $1 OFFSET $2", binds)
        let total = try await count(
            "SELECT 1 FROM \(LeasedQueueTable.of(job).table) q WHERE \(state.map(Self.condition) ?? "true")",
            PostgresBindings())
        return Page(items: items, total: total)
    }

    func item(_ job: JobKind, id: UUID) async throws -> JobItem? {
        var binds = PostgresBindings()
        binds.append(id)
        return try await select(job, where: "q.\(LeasedQueueTable.of(job).key) = $1", tail: "", binds).first
    }

    func inFlight(_ job: JobKind) async throws -> [WorkerLoad] {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT coalesce(q.lease_owner, ''), count(*)::int FROM \(LeasedQueueTable.of(job).table) q
                    WHERE \(Self.condition(.running)) GROUP BY 1 ORDER BY 2 DESC, 1
                    """), logger: logger)
        var loads: [WorkerLoad] = []
        for try await (worker, items) in rows.decode((String, Int).self) {
            loads.append(WorkerLoad(worker: worker, items: items))
        }
        return loads
    }

    func attemptsPerMinute(_ job: JobKind, since: Date) async throws -> [AttemptCount] {
        var binds = PostgresBindings()
        binds.append(job.rawValue)
        binds.append(since)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT date_bin('1 minute', started_at, timestamptz '2000-01-01'), outcome, count(*)::int
                    FROM job_attempts WHERE job = $1 AND started_at >= $2 GROUP BY 1, 2
                    """, binds: binds), logger: logger)
        var counts: [AttemptCount] = []
        for try await (minute, outcome, count) in rows.decode((Date, String, Int).self) {
            counts.append(AttemptCount(minute: minute, outcome: outcome, count: count))
        }
        // Sorted here: without ORDER BY the database hashes the groups instead of sorting every journal line of the
        // hour (date_bin, unlike date_trunc, needs no time-zone arithmetic per line); 42 → 23 ms for 60 000 lines.
        return counts.sorted { ($0.minute, $0.outcome) < ($1.minute, $1.outcome) }
    }

    func search(_ job: JobKind, _ search: JobSearch, limit: Int) async throws -> [JobItem] {
        let key = "q.\(LeasedQueueTable.of(job).key)"
        let owners = job == .purchaseConfirmation ? "purchases" : "payouts"
        var binds = PostgresBindings()
        let condition: String
        switch search {
        case .id(let id):
            binds.append(id)
            condition = "\(key) IN (SELECT id FROM \(owners) WHERE id = $1 OR user_id = $1)"
        case .externalID(let externalID):
            guard job == .purchaseConfirmation else { return [] }
            binds.append(externalID)
            condition = "\(key) IN (SELECT id FROM purchases WHERE external_id = $1)"
        }
        binds.append(limit)
        return try await select(job, where: condition, tail: "ORDER BY q.next_attempt_at, \(key) LIMIT $2", binds)
    }

    private func select(_ job: JobKind, where condition: String, tail: String, _ binds: PostgresBindings)
        async throws -> [JobItem]
    {
        let queue = LeasedQueueTable.of(job)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT q.\(queue.key), \(Self.state), q.attempts, q.claims, q.interruptions, q.next_attempt_at,
                           q.failing_since, q.parked_at, q.lease_owner, q.last_error, q.last_error_class, q.created_at
                    FROM \(queue.table) q WHERE \(condition) \(tail)
                    """, binds: binds), logger: logger)
        var items: [JobItem] = []
        for try await row in rows.decode(
            (UUID, String, Int, Int, Int, Date, Date?, Date?, String?, String?, String?, Date).self)
        {
            guard let state = JobItemState(rawValue: row.1) else {
                throw MalformedStoredValue(column: "\(queue.table) state", value: row.1)
            }
            items.append(
                JobItem(
                    job: job, itemID: row.0, state: state, attempts: row.2, claims: row.3, interruptions: row.4,
                    nextAttemptAt: row.5, failingSince: row.6, parkedAt: row.7, leaseOwner: row.8, lastError: row.9,
                    lastErrorClass: row.10, createdAt: row.11))
        }
        return items
    }

    func attempts(_ job: JobKind, itemID: UUID, limit: Int) async throws -> [JobAttemptRecord] {
        var binds = PostgresBindings()
        binds.append(job.rawValue)
        binds.append(itemID)
        binds.append(limit)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT attempt, worker, started_at, duration_ms::float8, outcome, error_class, message
                    FROM job_attempts WHERE job = $1 AND item_id = $2 ORDER BY id DESC LIMIT $3
                    """, binds: binds), logger: logger)
        var records: [JobAttemptRecord] = []
        for try await (attempt, worker, started, duration, outcome, errorClass, message) in rows.decode(
            (Int, String, Date, Double?, String, String?, String?).self)
        {
            records.append(
                JobAttemptRecord(
                    job: job, itemID: itemID, attempt: attempt, worker: worker, startedAt: started,
                    durationMilliseconds: duration, outcome: outcome,
                    errorClass: errorClass.flatMap(FailureClass.init(rawValue:)), message: message))
        }
        return records
    }

    func journal(_ records: [JobAttemptRecord]) async throws {
        guard !records.isEmpty else { return }
        var binds = PostgresBindings()
        binds.append(records.map(\.job.rawValue))
        binds.append(records.map(\.itemID))
        binds.append(records.map(\.attempt))
        binds.append(records.map(\.worker))
        binds.append(records.map(\.startedAt))
        // Arrays of optionals do not bind; an empty string stands for NULL.
        binds.append(records.map { $0.durationMilliseconds.map { String(format: "%.3f", $0) } ?? "" })
        binds.append(records.map(\.outcome))
        binds.append(records.map { $0.errorClass?.rawValue ?? "" })
        binds.append(records.map { $0.message ?? "" })
        _ = try await count(
            """
            INSERT INTO job_attempts (job, item_id, attempt, worker, started_at, duration_ms, outcome, error_class, message)
            SELECT j, i, a, w, s, nullif(d, '')::numeric, o, nullif(e, ''), nullif(m, '')
            FROM unnest($1::text[], $2::uuid[], $3::int[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                        $8::text[], $9::text[]) AS t (j, i, a, w, s, d, o, e, m)
            RETURNING 1
            """, binds)
    }

    func pruneJournal(olderThan age: Duration, limit: Int) async throws -> Int {
        var binds = PostgresBindings()
        binds.append(Int(age.wholeMilliseconds))
        binds.append(limit)
        return try await count(
            """
            DELETE FROM job_attempts WHERE id IN (
                SELECT id FROM job_attempts WHERE started_at < now() - $1 * interval '1 millisecond' LIMIT $2)
            RETURNING 1
            """, binds)
    }
}
