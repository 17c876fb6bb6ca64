import Application
import Domain
import Foundation
import PostgresNIO

/// Appends to `audit_logs`, inside the caller's transaction so the record commits with the change.
struct PostgresAuditRepository: AuditRepository {
    let connection: PostgresConnection
    let logger: Logger

    func append(_ entry: AuditEntry) async throws {
        let details = String(decoding: try JSONEncoder().encode(entry.details), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO audit_logs (id, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
                                    outcome, details)
            VALUES (\(entry.id), \(entry.occurredAt), \(entry.actor.type), \(entry.actor.id),
                    \(entry.action.rawValue), \(entry.resourceType), \(entry.resourceID), \(entry.outcome.rawValue),
                    \(details)::jsonb)
            """, logger: logger)
    }
}
