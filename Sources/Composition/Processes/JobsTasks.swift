public import Application
public import Domain
import Foundation
public import Logging
import Postgres

/// `clicknback admin jobs …`: the operators' view of the worker's queues from a shell, on the same
/// `JobAdministration` the admin API uses.
public enum JobsTasks {
    public static func with<Result: Sendable>(
        settings: Settings, logger: Logger, _ body: @Sendable (JobAdministration) async throws -> Result
    ) async throws -> Result {
        try await DatabaseSession.with(settings: settings, logger: logger) { client in
            try await body(
                JobAdministration(
                    unitOfWork: PostgresUnitOfWork(
                        client: client, logger: logger, leaseTimeout: settings.databaseLeaseTimeout),
                    clock: SystemClock()))
        }
    }

    /// One JSON object per line, keys sorted, for `jq` and for people.
    public static func line(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    public static func object(_ item: JobItem) -> [String: Any] {
        var object: [String: Any] = [
            "job": item.job.rawValue, "item_id": item.itemID.uuidString.lowercased(), "state": item.state.rawValue,
            "attempts": item.attempts, "claims": item.claims, "interruptions": item.interruptions,
            "next_attempt_at": timestamp(item.nextAttemptAt), "created_at": timestamp(item.createdAt),
        ]
        object["failing_since"] = item.failingSince.map(timestamp)
        object["parked_at"] = item.parkedAt.map(timestamp)
        object["lease_owner"] = item.leaseOwner
        object["last_error"] = item.lastError
        object["last_error_class"] = item.lastErrorClass
        return object
    }

    public static func object(_ attempt: JobAttemptRecord) -> [String: Any] {
        var object: [String: Any] = [
            "attempt": attempt.attempt, "worker": attempt.worker, "started_at": timestamp(attempt.startedAt),
            "outcome": attempt.outcome,
        ]
        object["duration_ms"] = attempt.durationMilliseconds
        object["error_class"] = attempt.errorClass?.rawValue
        object["message"] = attempt.message
        return object
    }

    public static func object(_ overview: JobAdministration.Overview) -> [String: Any] {
        let summary = overview.summary
        var object: [String: Any] = [
            "job": summary.job.rawValue, "oldest_due_age_seconds": summary.oldestDueAgeSeconds,
            "paused": overview.paused,
        ]
        for state in JobItemState.allCases { object[state.rawValue] = summary.counts[state] ?? 0 }
        return object
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
