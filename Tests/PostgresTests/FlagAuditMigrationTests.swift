import Application
import Domain
import Foundation
import Logging
import Postgres
import PostgresNIO
import TestSupport
import Testing

@Suite struct FeatureFlagRepositoryTests {
    @Test func upsertKeepsOneRecordPerScopeAndTheDescriptionWhenNil() async throws {
        try await withDatabase { (database, client) async throws in
            let key = FeatureFlagKey.purchaseAutoConfirm
            let first = try await database.transaction {
                try await $0.featureFlags.upsert(
                    FlagAssignment(key: key, enabled: true, scope: .global, description: "kept"), at: Date())
            }
            let second = try await database.transaction {
                try await $0.featureFlags.upsert(
                    FlagAssignment(key: key, enabled: false, scope: .global, description: nil), at: Date())
            }
            #expect(second.id == first.id && !second.enabled && second.description == "kept")
            let userScope = FlagScope(type: "user", id: UUID())
            _ = try await database.transaction {
                try await $0.featureFlags.upsert(
                    FlagAssignment(key: key, enabled: true, scope: userScope, description: nil), at: Date())
            }
            #expect(try await TestData.count(client, "feature_flags") == 2)
            #expect(
                try await database.withConnection { try await $0.featureFlags.find(key: key.value, scope: userScope) }?
                    .enabled
                    == true)
            let listed = try await database.withConnection {
                try await $0.featureFlags.list(
                    filter: FlagListFilter(key: nil, scopeType: "user", scopeID: nil), page: firstPage)
            }
            #expect(listed.total == 1)
            #expect(
                try await database.transaction { try await $0.featureFlags.delete(key: key.value, scope: userScope) })
            #expect(
                try await !database.transaction { try await $0.featureFlags.delete(key: key.value, scope: userScope) })
        }
    }

    @Test func concurrentFirstUpsertsOfOneScopeDoNotFail() async throws {
        try await withDatabase { (database, client) async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        _ = try await database.transaction {
                            try await $0.featureFlags.upsert(
                                FlagAssignment(
                                    key: FeatureFlagKey(unchecked: "race"), enabled: index % 2 == 0, scope: .global,
                                    description: nil), at: Date())
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await TestData.count(client, "feature_flags") == 1)
        }
    }
}

@Suite struct AuditRepositoryTests {
    @Test func appendsAndRefusesRewritingHistory() async throws {
        try await withDatabase { (database, client) async throws in
            let admin = UserID(try await TestData.insertUser(client, role: "admin"))
            try await database.transaction {
                try await $0.audit.append(
                    AuditEntry(
                        occurredAt: Date(), actor: .admin(admin), action: .merchantCreated, resourceType: "merchant",
                        resourceID: "m-1", details: ["name": "Shop"]))
            }
            #expect(try await TestData.count(client, "audit_logs", where: "details->>'name' = 'Shop'") == 1)
            await #expect(throws: (any Error).self) {
                try await client.query("UPDATE audit_logs SET outcome = 'failure'", logger: TestDatabase.logger)
            }
            await #expect(throws: (any Error).self) {
                try await client.query("DELETE FROM audit_logs", logger: TestDatabase.logger)
            }
            #expect(try await TestData.count(client, "audit_logs") == 1)
        }
    }
}

@Suite struct MigrationRunnerTests {
    let migrations = [
        Migration(
            version: 1, name: "0001_a.sql",
            sql: "CREATE TABLE a (id int);\n-- comment; with semicolon\nCREATE TABLE b (t text DEFAULT ';');"),
        Migration(
            version: 2, name: "0002_f.sql",
            sql: "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;"),
    ]

    @Test func appliesOnceEvenWhenRunnersRace() async throws {
        try await TestDatabase.withFresh { (client, _) async throws in
            try await client.query("DROP TABLE schema_migrations", logger: TestDatabase.logger)
            let runner = MigrationRunner(client: client, logger: TestDatabase.logger)
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<3 { group.addTask { try await runner.run(migrations) } }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(applied.sorted() == ["0001_a.sql", "0002_f.sql"])
            #expect(try await runner.run(migrations).isEmpty)
            #expect(try await TestData.count(client, "schema_migrations", where: "version IN (1, 2)") == 2)
        }
    }

    @Test func refusesAnAppliedFileThatChanged() async throws {
        try await TestDatabase.withFresh { (client, _) async throws in
            try await client.query("DROP TABLE schema_migrations", logger: TestDatabase.logger)
            let runner = MigrationRunner(client: client, logger: TestDatabase.logger)
            try await runner.run([migrations[0]])
            let edited = Migration(version: 1, name: "0001_a.sql", sql: migrations[0].sql + "\n-- edited")
            await #expect(throws: MigrationError.self) { try await runner.run([edited]) }
        }
    }

    @Test func aFailingMigrationRollsBackCompletely() async throws {
        try await TestDatabase.withFresh { (client, _) async throws in
            try await client.query("DROP TABLE schema_migrations", logger: TestDatabase.logger)
            let broken = Migration(
                version: 9, name: "0009_broken.sql", sql: "CREATE TABLE half (id int); SELEC nonsense;")
            await #expect(throws: (any Error).self) {
                try await MigrationRunner(client: client, logger: TestDatabase.logger).run([broken])
            }
            #expect(try await TestData.count(client, "pg_tables", where: "tablename = 'half'") == 0)
            #expect(try await TestData.count(client, "schema_migrations") == 0)
        }
    }

    @Test func aNoTransactionFileRunsWhatATransactionRefuses() async throws {
        try await TestDatabase.withFresh { (client, _) async throws in
            try await client.query("DROP TABLE schema_migrations", logger: TestDatabase.logger)
            let statements = "CREATE TABLE c (id int);\nCREATE INDEX CONCURRENTLY ix_c ON c (id);"
            let runner = MigrationRunner(client: client, logger: TestDatabase.logger)
            let inATransaction = Migration(version: 1, name: "0001_c.sql", sql: statements)
            #expect(inATransaction.runsInTransaction)
            await #expect(throws: (any Error).self) { try await runner.run([inATransaction]) }
            let outside = Migration(version: 1, name: "0001_c.sql", sql: "-- migrate: no-transaction\n" + statements)
            #expect(!outside.runsInTransaction && !outside.runsAfterRollout)
            #expect(try await runner.run([outside]) == ["0001_c.sql"])
            #expect(try await TestData.count(client, "pg_indexes", where: "indexname = 'ix_c'") == 1)
        }
    }

    @Test func beforeTheRolloutStopsAtTheFirstContractFileAndAPlainRunGoesOn() async throws {
        try await TestDatabase.withFresh { (client, _) async throws in
            try await client.query("DROP TABLE schema_migrations", logger: TestDatabase.logger)
            let files = [
                Migration(version: 1, name: "0001_expand.sql", sql: "CREATE TABLE e (id int);"),
                Migration(
                    version: 2, name: "0002_contract.sql",
                    sql: "-- Drops what the previous release used.\n-- migrate: after-rollout\nDROP TABLE e;"),
                Migration(version: 3, name: "0003_next.sql", sql: "CREATE TABLE n (id int);"),
            ]
            #expect(files.map(\.runsAfterRollout) == [false, true, false])
            let runner = MigrationRunner(client: client, logger: TestDatabase.logger)
            #expect(try await runner.run([files[0]]) == ["0001_expand.sql"], "the previous release's schema")
            #expect(try await runner.run(files, scope: .beforeRollout).isEmpty, "nothing more before the rollout")
            #expect(try await runner.run(files) == ["0002_contract.sql", "0003_next.sql"])
            #expect(try await TestData.count(client, "pg_tables", where: "tablename IN ('e', 'n')") == 1)
        }
    }

    @Test func aNewDatabaseGetsEverythingEvenBeforeTheRollout() async throws {
        try await TestDatabase.withFresh { (client, _) async throws in
            try await client.query("DROP TABLE schema_migrations", logger: TestDatabase.logger)
            let files = [
                Migration(version: 1, name: "0001_expand.sql", sql: "CREATE TABLE e (id int);"),
                Migration(version: 2, name: "0002_contract.sql", sql: "-- migrate: after-rollout\nDROP TABLE e;"),
            ]
            let applied = try await MigrationRunner(client: client, logger: TestDatabase.logger).run(
                files, scope: .beforeRollout)
            #expect(applied == ["0001_expand.sql", "0002_contract.sql"], "no previous release runs on a new database")
        }
    }

    @Test func refusesAnUnknownDirective() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "-- migrate: no-transactions\nSELECT 1".write(
            to: directory.appendingPathComponent("0001_typo.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.unknownDirective("0001_typo.sql", "no-transactions")) {
            try Migration.load(from: directory)
        }
    }

    @Test func loadsNumberedFilesInOrderFromTheRepository() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../migrations").standardizedFileURL
        let loaded = try Migration.load(from: directory)
        #expect(loaded.first?.version == 1)
        #expect(loaded.map(\.version) == loaded.map(\.version).sorted())
        #expect(loaded.allSatisfy { $0.checksum.count == 64 })
    }

    @Test func refusesBadFileNames() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "SELECT 1".write(to: directory.appendingPathComponent("init.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.badFileName("init.sql")) { try Migration.load(from: directory) }
    }
}

@Suite struct DemoSeedTests {
    @Test func seedsTheSpecDataIdempotently() async throws {
        try await TestDatabase.withFresh { (client, _) async throws in
            let seed = DemoSeed(client: client, logger: TestDatabase.logger)
            try await seed.apply(passwordHash: "$2b$04$hash")
            try await seed.apply(passwordHash: "$2b$04$other")
            #expect(try await TestData.count(client, "users") == 5)
            #expect(try await TestData.count(client, "users", where: "role = 'admin'") == 2)
            #expect(try await TestData.count(client, "merchants") == 3)
            #expect(try await TestData.count(client, "offers", where: "active") == 3)
            #expect(
                try await TestData.count(client, "offers", where: "end_date >= current_date + 365") == 3,
                "the demo's offers do not run out: make run's purchases keep finding an offer next year")
            #expect(try await TestData.count(client, "feature_flags") == 2)
            #expect(
                try await TestData.count(
                    client, "users",
                    where: "email = 'carol@clicknback.com' AND id = 'd9f4b3c2-6b5c-5d4e-7c3b-6a5e4d3c2b1a'")
                    == 1)
        }
    }
}

@Suite struct DatabaseURLTests {
    @Test func parsesTheSpecForm() throws {
        let configuration = try DatabaseURL.configuration(
            "postgresql://app:p%40ss@db.internal:6543/clicknback", poolSize: 7)
        #expect(configuration.host == "db.internal" && configuration.port == 6543)
        #expect(configuration.username == "app" && configuration.password == "p@ss")
        #expect(configuration.database == "clicknback")
        #expect(configuration.options.maximumConnections == 7)
    }

    @Test(arguments: [
        "mysql://a@b/c", "postgresql://a@b", "postgresql://b/c", "nonsense", "postgresql://a@b/c?sslmode=wat",
    ])
    func refusesUnusableURLs(url: String) {
        #expect(throws: DatabaseURL.Invalid.self) { try DatabaseURL.configuration(url, poolSize: 1) }
    }
}
