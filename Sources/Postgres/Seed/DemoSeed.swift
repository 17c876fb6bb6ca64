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
        self.client = client
        self.logger = logger
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
            for statement in SQLScript.statements(in: Self.moneySQL) {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        }
        logger.info("demo seed applied")
    }

    /// The seed's purchases, payout and ledger, chosen so that the wallets come out as the spec lists them
    /// (alice 19.05 / 15.00 / 50.00, bob 10.88 / 6.00 / 0.00, carol 12.00 / 0 / 0) and reconcile clean:
    /// balances are derived from the ledger rows this run inserts, never written directly.
    static let moneySQL = """
        INSERT INTO wallets (user_id) VALUES
            ('b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d'), ('c8d3e2b1-5a4b-4c3d-8b2a-7e6f5d4c3b2a'),
            ('d9f4b3c2-6b5c-5d4e-7c3b-6a5e4d3c2b1a')
        ON CONFLICT DO NOTHING;

        INSERT INTO purchases (id, external_id, user_id, merchant_id, offer_id, amount, cashback_amount, currency,
                               status, created_at, settled_at) VALUES
            ('aa000001-0000-0000-0000-000000000001', 'txn_seed_001', 'b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d',
             'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'f0e1d2c3-b4a5-4678-9012-3456789abcde', 381.00, 19.05, 'EUR',
             'pending', '2026-02-20 10:00:00+00', NULL),
            ('aa000001-0000-0000-0000-000000000002', 'txn_seed_002', 'b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d',
             'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'f0e1d2c3-b4a5-4678-9012-3456789abcde', 1000.00, 50.00, 'EUR',
             'confirmed', '2026-01-15 10:00:00+00', '2026-01-15 10:01:00+00'),
            ('aa000001-0000-0000-0000-000000000003', 'txn_seed_003', 'c8d3e2b1-5a4b-4c3d-8b2a-7e6f5d4c3b2a',
             'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'f0e1d2c3-b4a5-4678-9012-3456789abcde', 217.60, 10.88, 'EUR',
             'pending', '2026-02-25 10:00:00+00', NULL),
            ('aa000001-0000-0000-0000-000000000004', 'txn_seed_004', 'c8d3e2b1-5a4b-4c3d-8b2a-7e6f5d4c3b2a',
             'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', 'f1e2d3c4-b5a6-4789-8123-456789abcdef', 20.00, 3.00, 'EUR',
             'confirmed', '2026-02-10 10:00:00+00', '2026-02-10 10:01:00+00'),
            ('aa000001-0000-0000-0000-000000000005', 'txn_seed_005', 'b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d',
             'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'f0e1d2c3-b4a5-4678-9012-3456789abcde', 300.00, 15.00, 'EUR',
             'confirmed', '2026-02-27 10:00:00+00', '2026-02-27 10:01:00+00'),
            ('aa000001-0000-0000-0000-000000000006', 'txn_seed_006', 'c8d3e2b1-5a4b-4c3d-8b2a-7e6f5d4c3b2a',
             'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', 'f1e2d3c4-b5a6-4789-8123-456789abcdef', 35.00, 3.00, 'EUR',
             'confirmed', '2026-02-11 10:00:00+00', '2026-02-11 10:01:00+00'),
            ('aa000001-0000-0000-0000-000000000007', 'txn_seed_007', 'd9f4b3c2-6b5c-5d4e-7c3b-6a5e4d3c2b1a',
             'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'f0e1d2c3-b4a5-4678-9012-3456789abcde', 240.00, 12.00, 'EUR',
             'pending', '2026-02-26 10:00:00+00', NULL)
        ON CONFLICT DO NOTHING;

        INSERT INTO cashback_transactions (id, user_id, purchase_id, amount, status, created_at)
        SELECT ('cc' || substr(p.id::text, 3))::uuid, p.user_id, p.id, p.cashback_amount,
               CASE p.status WHEN 'confirmed' THEN 'available' ELSE 'pending' END, p.created_at
        FROM purchases p WHERE p.id::text LIKE 'aa000001-0000-0000-0000-%'
        ON CONFLICT DO NOTHING;

        INSERT INTO purchase_verifications (purchase_id, next_attempt_at)
        SELECT id, created_at FROM purchases WHERE id::text LIKE 'aa000001-0000-0000-0000-%' AND status = 'pending'
        ON CONFLICT DO NOTHING;

        INSERT INTO payouts (id, user_id, amount, method, details, status, idempotency_key, requested_at, processed_at)
        VALUES ('bb000001-0000-0000-0000-000000000001', 'b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d', 50.00,
                'bank_transfer', '{"iban": "ES9121000418450200051332", "account_holder": "Alice"}', 'completed',
                'seed-payout-1', '2026-01-20 10:00:00+00', '2026-01-21 10:00:00+00')
        ON CONFLICT DO NOTHING;

        WITH movements (user_id, bucket, delta, reason, reference_id, created_at) AS (
            SELECT p.user_id, 'pending', c.amount, 'purchase_ingested', p.id, p.created_at
            FROM purchases p JOIN cashback_transactions c ON c.purchase_id = p.id
            WHERE p.id::text LIKE 'aa000001-0000-0000-0000-%'
            UNION ALL
            SELECT p.user_id, b.bucket, b.sign * c.amount, 'purchase_confirmed', p.id, p.settled_at
            FROM purchases p JOIN cashback_transactions c ON c.purchase_id = p.id
            CROSS JOIN (VALUES ('pending', -1), ('available', 1)) AS b (bucket, sign)
            WHERE p.id::text LIKE 'aa000001-0000-0000-0000-%' AND p.status = 'confirmed'
            UNION ALL
            SELECT user_id, 'available', -amount, 'payout_requested', id, requested_at FROM payouts
            WHERE id = 'bb000001-0000-0000-0000-000000000001'
            UNION ALL
            SELECT user_id, 'paid', amount, 'payout_completed', id, processed_at FROM payouts
            WHERE id = 'bb000001-0000-0000-0000-000000000001'
        ), inserted AS (
            INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id, created_at)
            SELECT user_id, bucket, delta, reason, reference_id, created_at FROM movements ORDER BY created_at
            ON CONFLICT DO NOTHING
            RETURNING user_id, bucket, delta
        ), totals AS (
            SELECT user_id, coalesce(sum(delta) FILTER (WHERE bucket = 'pending'), 0) AS pending,
                   coalesce(sum(delta) FILTER (WHERE bucket = 'available'), 0) AS available,
                   coalesce(sum(delta) FILTER (WHERE bucket = 'paid'), 0) AS paid
            FROM inserted GROUP BY user_id
        )
        UPDATE wallets w SET pending_balance = w.pending_balance + t.pending,
                             available_balance = w.available_balance + t.available,
                             paid_balance = w.paid_balance + t.paid
        FROM totals t WHERE w.user_id = t.user_id
        """

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
            ("f0e1d2c3-b4a5-4678-9012-3456789abcde", shoply, "5.0", nil, "2026-01-01", "2026-12-31", "50.0"),
            ("f1e2d3c4-b5a6-4789-8123-456789abcdef", quickCart, "0", "3.00", "2026-01-01", "2026-12-31", "30.0"),
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
