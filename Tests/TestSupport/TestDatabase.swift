import Foundation
public import Logging
import Postgres
public import PostgresNIO

/// A throwaway database per test, created from the migrated template that `make test` prepares
/// (`TEST_DATABASE_URL`), so tests run in parallel without seeing each other's rows.
public enum TestDatabase {
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String {
            "TEST_DATABASE_URL is not set: run the suite with `make test`, which starts a throwaway cluster"
        }
    }

    public static let logger = Logger(label: "test.database")

    /// The template database URL.
    public static func templateURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty else {
            throw NotConfigured()
        }
        return url
    }

    /// Creates a fresh database from the template, runs `body` with a pool on it, then drops it. Holds the
    /// `LoadGate` shared meanwhile.
    public static func withFresh<Result: Sendable>(
        poolSize: Int = 8, _ body: @Sendable (PostgresClient, String) async throws -> Result
    ) async throws -> Result {
        try await LoadGate.sharing { try await withFreshUngated(poolSize: poolSize, body) }
    }

    private static func withFreshUngated<Result: Sendable>(
        poolSize: Int, _ body: @Sendable (PostgresClient, String) async throws -> Result
    ) async throws -> Result {
        let template = try templateURL()
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let templateName = try DatabaseURL.configuration(template, poolSize: 1).database ?? "clicknback_template"
        try await maintenance(template, "creating \(name) from \(templateName)") { client in
            try await client.query(
                PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(templateName)"), logger: logger)
        }
        let url = replacingDatabase(in: template, with: name)
        let client = PostgresClient(
            configuration: try DatabaseURL.configuration(url, poolSize: poolSize), backgroundLogger: logger)
        let result: Result = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client, url)
        }
        try await maintenance(template, "dropping \(name)") { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"), logger: logger)
        }
        return result
    }

    /// `url` pointed at another database of the same cluster.
    public static func replacingDatabase(in url: String, with database: String) -> String {
        guard var parts = URLComponents(string: url) else { return url }
        parts.path = "/" + database
        return parts.string ?? url
    }

    /// Runs `body` on the cluster's `postgres` database; a failure says what it was `doing` and what the server
    /// answered (PostgresNIO's own description hides it).
    private static func maintenance(
        _ template: String, _ doing: String, _ body: @Sendable (PostgresClient) async throws -> Void
    ) async throws {
        let url = replacingDatabase(in: template, with: "postgres")
        let client = PostgresClient(
            configuration: try DatabaseURL.configuration(url, poolSize: 1), backgroundLogger: logger)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                try await body(client)
            }
        } catch {
            throw MaintenanceFailed(doing: doing, cause: String(reflecting: error))
        }
    }

    /// A test database could not be created or dropped.
    public struct MaintenanceFailed: Error, CustomStringConvertible {
        public let doing: String
        public let cause: String
        public var description: String { "test database maintenance failed while \(doing): \(cause)" }
    }
}
