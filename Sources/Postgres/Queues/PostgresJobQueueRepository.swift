import Application
import Domain
import Foundation
import PostgresNIO

/// The one adapter of `JobQueueRepository`: every fenced queue write, the operators' views and the attempt
/// journal, for any job's table (`LeasedQueueTable`). Every write after a claim clears the lease.
struct PostgresJobQueueRepository: JobQueueRepository {
    let connection: PostgresConnection
    let logger: Logger

    private static let clearLease = "lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL"

    func renew(_ job: JobKind, owner: String, ids: [UUID], lease: Duration) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let queue = LeasedQueueTable.of(job)
        var binds = PostgresBindings()
        binds.append(owner)
        binds.append(ids)
        binds.append(Int(lease.wholeMilliseconds))
        return try await count(
            """
            UPDATE \(queue.table) SET lease_expires_at = now() + $3 * interval '1 millisecond'
            WHERE lease_owner = $1 AND \(queue.key) = ANY($2) RETURNING 1
            """, binds)
    }

    func retryBusiness(_ job: JobKind, _ lease: QueueLease, after delay: Duration, message: String) async throws
        -> QueueVerdict
    {
        var binds = fence(lease)
        binds.append(message)
        binds.append(Int(delay.wholeMilliseconds))
        return try await verdict(
            job,
            set: """
                attempts = attempts + 1, failing_since = NULL, interruptions = 0, last_error = $3,
                last_error_class = 'business', next_attempt_at = now() + $4 * interval '1 millisecond'
                """, binds)
    }

    func retryInfrastructure(
        _ job: JobKind, _ lease: QueueLease, after delay: Duration, failure: DownstreamFailure, horizon: Duration
    ) async throws -> QueueVerdict {
        var binds = fence(lease)
        binds.append(failure.message)
        binds.append(failure.failureClass.rawValue)
        binds.append(Int(delay.wholeMilliseconds))
        binds.append(Int(horizon.wholeMilliseconds))
        return try await verdict(
            job,
            set: """
                failing_since = coalesce(failing_since, now()), interruptions = 0, last_error = $3,
                last_error_class = $4, next_attempt_at = now() + $5 * interval '1 millisecond',
                parked_at = CASE WHEN coalesce(failing_since, now()) <= now() - $6 * interval '1 millisecond'
                                 THEN now() END
                """, binds)
    }

    func interrupt(_ job: JobKind, _ lease: QueueLease, after delay: Duration, message: String, maxInterruptions: Int)
        async throws -> QueueVerdict
    {
        var binds = fence(lease)
        binds.append(message)
        binds.append(Int(delay.wholeMilliseconds))
        binds.append(maxInterruptions)
        return try await verdict(
            job,
            set: """
                interruptions = interruptions + 1, last_error = $3, last_error_class = 'interrupted',
                next_attempt_at = now() + $4 * interval '1 millisecond',
                parked_at = CASE WHEN interruptions + 1 >= $5 THEN now() END
                """, binds)
    }

    func release(_ job: JobKind, _ lease: QueueLease, after delay: Duration) async throws {
        var binds = fence(lease)
        binds.append(Int(delay.wholeMilliseconds))
        _ = try await verdict(
            job, set: "next_attempt_at = greatest(next_attempt_at, now() + $3 * interval '1 millisecond')", binds)
    }

    func park(_ job: JobKind, _ lease: QueueLease, failure: FailureClass, message: String) async throws
        -> QueueVerdict
    {
        var binds = fence(lease)
        binds.append(message)
        binds.append(failure.rawValue)
        return try await verdict(job, set: "parked_at = now(), last_error = $3, last_error_class = $4", binds)
    }

    func nextDue(_ job: JobKind) async throws -> Duration? {
        let queue = LeasedQueueTable.of(job)
        try await DueIndexPlanning.apply(on: connection, logger: logger)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT greatest(extract(epoch FROM next_attempt_at - now()), 0)::float8 FROM \(queue.table)
                    WHERE parked_at IS NULL AND lease_token IS NULL ORDER BY next_attempt_at LIMIT 1
                    """), logger: logger)
        var due: Duration?
        for try await seconds in rows.decode(Double.self) { due = .milliseconds(Int64(seconds * 1000)) }
        return due
    }

    func redrive(_ job: JobKind, id: UUID) async throws -> Bool {
        let queue = LeasedQueueTable.of(job)
        var binds = PostgresBindings()
        binds.append(id)
        return try await count(
            """
            UPDATE \(queue.table)
            SET parked_at = NULL, \(job.exhaustionParks ? "attempts = 0," : "") interruptions = 0,
                failing_since = NULL, next_attempt_at = now(), \(Self.clearLease)
            WHERE \(queue.key) = $1 AND parked_at IS NOT NULL RETURNING 1
            """, binds) == 1
    }

    /// The fence of every write after a claim: `$1` the item, `$2` the claim's token.
    private func fence(_ lease: QueueLease) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(lease.itemID)
        binds.append(lease.token)
        return binds
    }

    /// Runs a fenced `UPDATE … SET <set>, <clear lease>` and tells how it ended.
    private func verdict(_ job: JobKind, set: String, _ binds: PostgresBindings) async throws -> QueueVerdict {
        let queue = LeasedQueueTable.of(job)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    UPDATE \(queue.table) SET \(set), \(Self.clearLease)
                    WHERE \(queue.key) = $1 AND lease_token = $2 RETURNING parked_at IS NOT NULL
                    """, binds: binds), logger: logger)
        var result = QueueVerdict.leaseLost
        for try await parked in rows.decode(Bool.self) { result = parked ? .parked : .rescheduled }
        return result
    }

    func count(_ sql: String, _ binds: PostgresBindings) async throws -> Int {
        var count = 0
        for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger) {
            count += 1
        }
        return count
    }
}
