public import Domain

/// The append-only audit trail.
public protocol AuditRepository: Sendable {
    func append(_ entry: AuditEntry) async throws
}
