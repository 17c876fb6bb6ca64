import Domain
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
        let key = EmailAddress(trusted: email).mailboxKey
        try await client.query(
            """
            INSERT INTO users (id, email, mailbox_key, hashed_password, role, active)
            VALUES (\(id), \(email), \(key), \(passwordHash), \(role), \(active))
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

extension TestData {
    /// Inserts `count` pending purchases exactly as ingestion leaves them (purchase, cashback transaction,
    /// pending credit with its ledger row, verification-queue row), in one statement; returns the user id.
    @discardableResult
    public static func bulkPendingPurchases(
        _ client: PostgresClient, count: Int, merchantID: UUID? = nil, userID: UUID? = nil
    ) async throws -> (user: UUID, merchant: UUID) {
        var user = userID
        if user == nil { user = try await insertUser(client) }
        var merchant = merchantID
        if merchant == nil { merchant = try await insertMerchant(client) }
        guard let user, let merchant else { return (UUID(), UUID()) }
        try await client.query(
            "INSERT INTO wallets (user_id) VALUES (\(user)) ON CONFLICT DO NOTHING", logger: TestDatabase.logger)
        try await client.query(
            """
            WITH ids AS (SELECT gen_random_uuid() AS id FROM generate_series(1, \(count))),
            p AS (
                INSERT INTO purchases (id, external_id, user_id, merchant_id, amount, cashback_amount, currency, status)
                SELECT id, 'bulk-' || id, \(user), \(merchant), 100.00, 5.00, 'EUR', 'pending' FROM ids
                RETURNING id, user_id, cashback_amount
            ), c AS (
                INSERT INTO cashback_transactions (id, user_id, purchase_id, amount)
                SELECT gen_random_uuid(), user_id, id, cashback_amount FROM p
            ), l AS (
                INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id)
                SELECT user_id, 'pending', cashback_amount, 'purchase_ingested', id FROM p
            ), q AS (
                INSERT INTO purchase_verifications (purchase_id) SELECT id FROM p
            )
            UPDATE wallets SET pending_balance = pending_balance + (SELECT sum(cashback_amount) FROM p)
            WHERE user_id = \(user)
            """, logger: TestDatabase.logger)
        return (user, merchant)
    }
}
