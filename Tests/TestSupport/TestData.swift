public import Foundation
import Logging
public import PostgresNIO

/// Direct inserts for arranging integration tests, bypassing the services under test.
public enum TestData {
    /// A unique e-mail address.
    public static func email(_ prefix: String = "user") -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())@example.com"
    }

    /// Inserts a user with a known password hash; returns its id.
    @discardableResult
    public static func insertUser(
        _ client: PostgresClient, email: String = TestData.email(), passwordHash: String = "x", role: String = "user",
        active: Bool = true
    ) async throws -> UUID {
        let id = UUID()
        try await client.query(
            """
            INSERT INTO users (id, email, hashed_password, role, active)
            VALUES (\(id), \(email), \(passwordHash), \(role), \(active))
            """, logger: TestDatabase.logger)
        return id
    }

    /// Inserts a merchant; returns its id.
    @discardableResult
    public static func insertMerchant(_ client: PostgresClient, name: String? = nil, active: Bool = true)
        async throws -> UUID
    {
        let id = UUID()
        let name = name ?? "Merchant \(id.uuidString.prefix(8))"
        try await client.query(
            "INSERT INTO merchants (id, name, default_cashback_percentage, active) VALUES (\(id), \(name), 5, \(active))",
            logger: TestDatabase.logger)
        return id
    }

    /// Counts the rows of a table (with an optional `WHERE` clause written by the test).
    public static func count(_ client: PostgresClient, _ table: String, where condition: String = "true")
        async throws -> Int
    {
        let rows = try await client.query(
            PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table) WHERE \(condition)"), logger: TestDatabase.logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }
}
