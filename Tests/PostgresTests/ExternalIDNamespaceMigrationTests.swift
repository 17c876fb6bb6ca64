import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

/// Migrations 0014 and 0015 (ADR 040) on a database that holds purchases from before them: the expand half runs
/// while the previous release still writes, the contract half after the rollout.
@Suite struct ExternalIDNamespaceMigrationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../migrations").standardizedFileURL

    @Test func expandKeepsTheOldGuardAndContractFreesEachPartnersIDs() async throws {
        try await TestDatabase.withFresh { (client, _) async throws in
            let (migrations, runner, legacy) = try await Self.previousRelease(client)

            let expanded = try await runner.run(migrations, scope: .beforeRollout)
            #expect(expanded == ["0014_partner_external_id_namespaces.sql"], "stopped before the contract half")
            #expect(try await Self.partner(of: legacy.partnerPurchase, client) == legacy.partner)
            #expect(try await Self.partner(of: legacy.userPurchase, client) == nil)
            #expect(
                try await TestData.count(
                    client, "pg_index i JOIN pg_class c ON c.oid = i.indexrelid",
                    where: "c.relname = 'purchases_namespace_external_id_key' AND i.indisvalid AND i.indisunique")
                    == 1)
            #expect(try await Self.constraints(client).contains("purchases_external_id_key"), "the old guard stays")
            await #expect(throws: PSQLError.self, "during the rollout a second partner's id is still refused") {
                try await legacy.purchase("shared-1", partner: legacy.otherPartner, client)
            }
            #expect(
                try await Self.duplicate("shared-1", for: legacy.otherPartner, client) == legacy.partnerPurchase,
                "and its 409 shows the purchase that holds the id, as the previous release did")

            // A host still on the previous release ingests for the partner, without partner_id.
            let duringRollout = try await legacy.purchase("rollout-1", partner: nil, client)
            try await legacy.audit(duringRollout, by: legacy.partner, client)

            let contracted = try await runner.run(migrations)
            #expect(contracted == ["0015_drop_platform_wide_external_id.sql"])
            #expect(try await Self.partner(of: duringRollout, client) == legacy.partner)
            #expect(try await !Self.constraints(client).contains("purchases_external_id_key"))
            let othersOwn = try await legacy.purchase("shared-1", partner: legacy.otherPartner, client)
            #expect(try await Self.duplicate("shared-1", for: legacy.otherPartner, client) == othersOwn)
            #expect(try await Self.duplicate("shared-1", for: legacy.partner, client) == legacy.partnerPurchase)
            _ = try await legacy.purchase("shared-1", partner: nil, client)
            await #expect(throws: PSQLError.self, "an id stays unique within its partner") {
                try await legacy.purchase("shared-1", partner: legacy.partner, client)
            }
            await #expect(throws: PSQLError.self, "and among users") {
                try await legacy.purchase("user-1", partner: nil, client)
            }
            #expect(try await runner.run(migrations).isEmpty)
        }
    }

    @Test func theExpandHalfRunsAgainAfterAFailureHalfWay() async throws {
        try await TestDatabase.withFresh { (client, _) async throws in
            let (migrations, runner, legacy) = try await Self.previousRelease(client)
            // As if a first run had stopped after the column and a half-built index.
            try await Self.sql(client, "ALTER TABLE purchases ADD COLUMN partner_id uuid")
            try await Self.sql(
                client, "CREATE UNIQUE INDEX purchases_namespace_external_id_key ON purchases (external_id)")
            let expand = try #require(migrations.first { $0.version == 14 })
            #expect(!expand.runsInTransaction)
            #expect(try await runner.run(migrations.filter { $0.version <= 14 }) == [expand.name])
            #expect(try await Self.partner(of: legacy.partnerPurchase, client) == legacy.partner)
            #expect(
                try await TestData.count(
                    client, "pg_indexes",
                    where: "indexname = 'purchases_namespace_external_id_key' AND indexdef LIKE '%partner_id%'") == 1,
                "the leftover index was rebuilt with both columns")
        }
    }

    /// A database as the previous release left it: migrations up to 0013, and its rows (`Legacy`).
    static func previousRelease(_ client: PostgresClient) async throws -> ([Migration], MigrationRunner, Legacy) {
        let migrations = try Migration.load(from: repository)
        let runner = MigrationRunner(client: client, logger: TestDatabase.logger)
        try await sql(client, "DROP SCHEMA public CASCADE")
        try await sql(client, "CREATE SCHEMA public")
        try await runner.run(migrations.filter { $0.version <= 13 })
        return (migrations, runner, try await Legacy.insert(into: client))
    }

    /// The purchase a 409 for `externalID` from `partner` would show.
    static func duplicate(_ externalID: String, for partner: UUID, _ client: PostgresClient) async throws -> UUID? {
        let unitOfWork = PostgresUnitOfWork(client: client, logger: TestDatabase.logger)
        return try await unitOfWork.withConnection {
            try await $0.purchases.find(externalID: externalID, namespace: PartnerID(partner))
        }?.id.uuid
    }

    static func sql(_ client: PostgresClient, _ statement: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger)
    }

    static func partner(of purchase: UUID, _ client: PostgresClient) async throws -> UUID? {
        let rows = try await client.query(
            "SELECT partner_id FROM purchases WHERE id = \(purchase)", logger: TestDatabase.logger)
        for try await partner in rows.decode(UUID?.self) { return partner }
        return nil
    }

    static func constraints(_ client: PostgresClient) async throws -> Set<String> {
        let rows = try await client.query(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'purchases'::regclass", logger: TestDatabase.logger)
        var names = Set<String>()
        for try await name in rows.decode(String.self) { names.insert(name) }
        return names
    }

    /// Rows as the previous release wrote them: a partner's purchase with its audit row, and a user's.
    struct Legacy {
        let user = UUID()
        let merchant = UUID()
        let partner = UUID()
        let otherPartner = UUID()
        var partnerPurchase = UUID()
        var userPurchase = UUID()

        static func insert(into client: PostgresClient) async throws -> Legacy {
            let legacy = Legacy()
            let logger = TestDatabase.logger
            try await client.query(
                """
                INSERT INTO users (id, email, hashed_password) VALUES (\(legacy.user), 'legacy@example.com', 'x')
                """, logger: logger)
            try await client.query(
                """
                INSERT INTO merchants (id, name, default_cashback_percentage)
                VALUES (\(legacy.merchant), 'Legacy Shop', 5)
                """, logger: logger)
            try await client.query(
                """
                INSERT INTO partners (id, name) VALUES (\(legacy.partner), 'Legacy Partner'),
                                                       (\(legacy.otherPartner), 'Other Partner')
                """, logger: logger)
            _ = try await legacy.purchase("shared-1", partner: nil, client, id: legacy.partnerPurchase)
            try await legacy.audit(legacy.partnerPurchase, by: legacy.partner, client)
            _ = try await legacy.purchase("user-1", partner: nil, client, id: legacy.userPurchase)
            return legacy
        }

        /// Inserts a purchase; `partner` nil writes no partner_id, as the previous release did (and users do).
        @discardableResult
        func purchase(_ externalID: String, partner: UUID?, _ client: PostgresClient, id: UUID = UUID())
            async throws -> UUID
        {
            if let partner {
                try await client.query(
                    """
                    INSERT INTO purchases (id, external_id, user_id, merchant_id, amount, currency, partner_id)
                    VALUES (\(id), \(externalID), \(user), \(merchant), 10, 'EUR', \(partner))
                    """, logger: TestDatabase.logger)
            } else {
                try await client.query(
                    """
                    INSERT INTO purchases (id, external_id, user_id, merchant_id, amount, currency)
                    VALUES (\(id), \(externalID), \(user), \(merchant), 10, 'EUR')
                    """, logger: TestDatabase.logger)
            }
            return id
        }

        func audit(_ purchase: UUID, by partner: UUID, _ client: PostgresClient) async throws {
            try await client.query(
                """
                INSERT INTO audit_logs (id, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
                                        outcome)
                VALUES (\(UUID()), now(), 'partner', \(partner), 'PURCHASE_INGESTED', 'purchase',
                        \(purchase.uuidString.lowercased()), 'success')
                """, logger: TestDatabase.logger)
        }
    }
}
