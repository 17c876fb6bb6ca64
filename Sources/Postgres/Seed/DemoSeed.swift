import Domain
import Foundation
public import Logging
public import PostgresNIO

/// The original's development seed (rule R-SEED, docs/rules.md): its admins, users, merchants, offers and flags,
/// with the same ids and credentials. Inserting is idempotent: rows that already exist are left as they are.
///
/// One departure (R-SEED): the original's seed also disables `purchase_auto_confirm` for the rejection
/// merchant, which makes the simulated bank rejection unreachable; that record is left out so the demo shows
/// a purchase retried and rejected. An admin can add it back with `PUT /api/v1/feature-flags/...`.
public struct DemoSeed: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        (self.client, self.logger) = (client, logger)
    }

    /// The e-mail addresses seeded, with their role, for the start-up banner.
    public static let accounts: [(email: String, role: String)] = users.map { ($0.email, $0.role) }
    /// The password of every seeded account.
    public static let password = "Str0ng!Pass"

    /// Inserts whatever is missing; `passwordHash` is the bcrypt hash of `password`.
    public func apply(passwordHash: String) async throws {
        try await client.withTransaction(logger: logger) { connection in
            for user in Self.users {
                try await connection.query(
                    """
                    INSERT INTO users (id, email, mailbox_key, hashed_password, role, active)
                    VALUES (\(user.id)::uuid, \(user.email), \(EmailAddress(trusted: user.email).mailboxKey),
                            \(passwordHash), \(user.role), true)
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
            for merchant in Self.merchants {
                try await connection.query(
                    """
                    INSERT INTO merchants (id, name, default_cashback_percentage, active)
                    VALUES (\(merchant.id)::uuid, \(merchant.name), \(merchant.percentage)::numeric, true)
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
            for offer in Self.offers {
                try await connection.query(
                    """
                    INSERT INTO offers (id, merchant_id, percentage, fixed_amount, start_date, end_date,
                                        monthly_cap_per_user, active)
                    VALUES (\(offer.id)::uuid, \(offer.merchantID)::uuid, \(offer.percentage)::numeric,
                            \(offer.fixedAmount)::numeric, \(offer.start)::date, \(offer.end)::date,
                            \(offer.cap)::numeric, true)
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
            for flag in Self.flags {
                try await connection.query(
                    """
                    INSERT INTO feature_flags (id, key, enabled, scope_type, scope_id, description)
                    VALUES (\(flag.id)::uuid, \(flag.key), \(flag.enabled), \(flag.scopeType), \(flag.scopeID)::uuid,
                            \(flag.description))
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
        }
        try await client.withTransaction(logger: logger) { connection in
            for statement in SQLScript.statements(in: try Self.moneySQL()) {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        }
        logger.info("demo seed applied")
    }

    /// The seed's purchases, payout and ledger (`Resources/seed/demo_money.sql`, which says how its figures are
    /// chosen).
    static func moneySQL() throws -> String {
        guard let url = Bundle.module.url(forResource: "demo_money", withExtension: "sql", subdirectory: "seed") else {
            throw MissingStatement(name: "seed/demo_money.sql")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    static let users: [(id: String, email: String, role: String)] = [
        ("b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d", "alice@clicknback.com", "user"),
        ("c8d3e2b1-5a4b-4c3d-8b2a-7e6f5d4c3b2a", "bob@clicknback.com", "user"),
        ("d9f4b3c2-6b5c-5d4e-7c3b-6a5e4d3c2b1a", "carol@clicknback.com", "admin"),
        ("d9f4b3c2-6b5c-5d4e-7c3b-6a5e4d3c2b1b", "jero@clicknback.com", "admin"),
        ("e0e1e2e3-f4a5-4b6c-7d8e-9f0a1b2c3d4e", "dave@clicknback.com", "user"),
    ]

    static let shoply = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
    static let quickCart = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"
    static let bankSimFail = "f0000000-0000-0000-0000-000000000001"

    static let merchants: [(id: String, name: String, percentage: String)] = [
        (shoply, "Shoply", "5.0"),
        (quickCart, "QuickCart", "3.0"),
        (bankSimFail, "BankSimFail", "5.0"),
    ]

    static let offers:
        [(
            id: String, merchantID: String, percentage: String, fixedAmount: String?, start: String, end: String,
            cap: String
        )] = [
            ("f0e1d2c3-b4a5-4678-9012-3456789abcde", shoply, "5.0", nil, "2026-01-01", "2099-12-31", "50.0"),
            ("f1e2d3c4-b5a6-4789-8123-456789abcdef", quickCart, "0", "3.00", "2026-01-01", "2099-12-31", "30.0"),
            ("f2e3d4c5-b6a7-4890-9234-56789abcdef0", bankSimFail, "5.0", nil, "2026-01-01", "2099-12-31", "50.0"),
        ]

    static let flags:
        [(id: String, key: String, enabled: Bool, scopeType: String, scopeID: String?, description: String)] = [
            (
                "ff000001-0000-0000-0000-000000000001", "purchase_auto_confirm", true, "global", nil,
                "Automatic confirmation of pending purchases."
            ),
            (
                "ff000001-0000-0000-0000-000000000003", "purchase_auto_confirm", false, "user",
                "e0e1e2e3-f4a5-4b6c-7d8e-9f0a1b2c3d4e", "Dave's purchases wait for an admin."
            ),
        ]
}
