import Foundation
public import Logging
public import PostgresNIO

/// Applies pending migrations once each, each in its own transaction (or statement by statement, for a
/// `no-transaction` file), under an advisory lock so that several processes starting together cannot race.
public struct MigrationRunner: Sendable {
    /// How far to go: everything, or up to the first contract migration of a rolling upgrade (ADR 040).
    public enum Scope: Sendable {
        case all
        /// Stops before the first pending `after-rollout` migration: what runs before hosts are upgraded. A
        /// database with no migration applied yet gets everything: no previous release runs against it.
        case beforeRollout
    }

    let client: PostgresClient
    let logger: Logger

    /// Arbitrary but fixed key of the advisory lock that serializes migrators.
    static let advisoryLockKey = 7_242_001

    public init(client: PostgresClient, logger: Logger) {
        (self.client, self.logger) = (client, logger)
    }

    /// Applies what is missing and returns the names applied by this call.
    @discardableResult
    public func run(_ migrations: [Migration], scope: Scope = .all) async throws -> [String] {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.advisoryLockKey))", logger: logger)
            do {
                let applied = try await applyPending(migrations, scope: scope, on: connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))", logger: logger)
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))", logger: logger)
                throw error
            }
        }
    }

    private func applyPending(_ migrations: [Migration], scope: Scope, on connection: PostgresConnection)
        async throws -> [String]
    {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, logger: logger)
        let applied = try await appliedChecksums(on: connection)
        let inUse = !applied.isEmpty
        var newlyApplied: [String] = []
        for migration in migrations {
            if let checksum = applied[migration.version] {
                guard checksum == migration.checksum else {
                    throw MigrationError.checksumMismatch(
                        name: migration.name, applied: checksum, found: migration.checksum)
                }
                continue
            }
            if scope == .beforeRollout && migration.runsAfterRollout && inUse {
                logger.info(
                    "stopping before an after-rollout migration; run migrate again once every host is upgraded",
                    metadata: ["migration": "\(migration.name)"])
                break
            }
            try await apply(migration, on: connection)
            newlyApplied.append(migration.name)
        }
        let known = Set(migrations.map(\.version))
        for version in applied.keys.sorted() where !known.contains(version) {
            logger.warning("database has a migration this binary does not know", metadata: ["version": "\(version)"])
        }
        return newlyApplied
    }

    private func appliedChecksums(on connection: PostgresConnection) async throws -> [Int: String] {
        var checksums: [Int: String] = [:]
        let rows = try await connection.query("SELECT version, checksum FROM schema_migrations", logger: logger)
        for try await (version, checksum) in rows.decode((Int, String).self) { checksums[version] = checksum }
        return checksums
    }

    private func apply(_ migration: Migration, on connection: PostgresConnection) async throws {
        logger.info("applying migration", metadata: ["migration": "\(migration.name)"])
        guard migration.runsInTransaction else {
            // Each statement commits on its own; the file counts as applied only once all of them ran.
            try await run(migration, on: connection)
            try await record(migration, on: connection)
            return
        }
        try await connection.withTransaction(logger: logger) { connection in
            try await run(migration, on: connection)
            try await record(migration, on: connection)
        }
    }

    private func run(_ migration: Migration, on connection: PostgresConnection) async throws {
        for statement in SQLScript.statements(in: migration.sql) {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }

    private func record(_ migration: Migration, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO schema_migrations (version, name, checksum)
            VALUES (\(migration.version), \(migration.name), \(migration.checksum))
            """, logger: logger)
    }
}
