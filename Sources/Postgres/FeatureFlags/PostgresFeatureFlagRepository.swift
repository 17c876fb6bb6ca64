import Application
import Domain
import Foundation
import PostgresNIO

/// Feature flags in `feature_flags`; one record per `(key, scope_type, scope_id)` by a NULLS NOT DISTINCT key.
struct PostgresFeatureFlagRepository: FeatureFlagRepository {
    let connection: PostgresConnection
    let logger: Logger

    private typealias FlagRow = (UUID, String, Bool, String, UUID?, String?, Date, Date)
    private static let columns = "id, key, enabled, scope_type, scope_id, description, created_at, updated_at"

    func upsert(_ assignment: FlagAssignment, at instant: Date) async throws -> FeatureFlag {
        let rows = try await connection.query(
            """
            INSERT INTO feature_flags (id, key, enabled, scope_type, scope_id, description, created_at, updated_at)
            VALUES (\(UUID()), \(assignment.key.value), \(assignment.enabled), \(assignment.scope.type),
                    \(assignment.scope.id), \(assignment.description), \(instant), \(instant))
            ON CONFLICT ON CONSTRAINT uq_feature_flags_key_scope DO UPDATE
            SET enabled = EXCLUDED.enabled,
                description = COALESCE(EXCLUDED.description, feature_flags.description),
                updated_at = EXCLUDED.updated_at
            RETURNING id, key, enabled, scope_type, scope_id, description, created_at, updated_at
            """, logger: logger)
        for try await row in rows.decode(FlagRow.self) { return Self.flag(row) }
        throw MalformedStoredValue(column: "feature_flags", value: "upsert returned no row")
    }

    func find(key: String, scope: FlagScope) async throws -> FeatureFlag? {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(Self.columns) FROM feature_flags
                    WHERE key = $1 AND scope_type = $2 AND scope_id IS NOT DISTINCT FROM $3::uuid
                    """, binds: Self.scopeBindings(key: key, scope: scope)), logger: logger)
        for try await row in rows.decode(FlagRow.self) { return Self.flag(row) }
        return nil
    }

    func list(filter: FlagListFilter, page: PageRequest) async throws -> Page<FeatureFlag> {
        var query = FilteredQuery()
        if let key = filter.key { query.add("key = ?", key) }
        if let scopeType = filter.scopeType { query.add("scope_type = ?", scopeType) }
        if let scopeID = filter.scopeID { query.add("scope_id = ?", scopeID) }
        let (total, rows) = try await query.page(
            "SELECT \(Self.columns) FROM feature_flags", counting: "feature_flags", orderBy: "created_at DESC, id",
            page: page,
            on: connection, logger: logger)
        var flags: [FeatureFlag] = []
        for try await row in rows.decode(FlagRow.self) { flags.append(Self.flag(row)) }
        return Page(items: flags, total: total)
    }

    func delete(key: String, scope: FlagScope) async throws -> Bool {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    DELETE FROM feature_flags
                    WHERE key = $1 AND scope_type = $2 AND scope_id IS NOT DISTINCT FROM $3::uuid RETURNING id
                    """, binds: Self.scopeBindings(key: key, scope: scope)), logger: logger)
        for try await _ in rows { return true }
        return false
    }

    private static func scopeBindings(key: String, scope: FlagScope) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(key)
        binds.append(scope.type)
        binds.append(scope.id)
        return binds
    }

    private static func flag(_ row: FlagRow) -> FeatureFlag {
        FeatureFlag(
            id: row.0, key: FeatureFlagKey(unchecked: row.1), enabled: row.2,
            scope: FlagScope(type: row.3, id: row.4), description: row.5, createdAt: row.6, updatedAt: row.7)
    }
}
