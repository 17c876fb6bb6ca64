import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

@Suite struct UserRepositoryTests {
    func user(_ email: String = TestData.email()) -> User {
        User(
            id: .random(), email: EmailAddress(trusted: email), passwordHash: "$2b$12$hash", role: .admin, active: true,
            createdAt: Date(timeIntervalSince1970: 1_767_225_600.123456))
    }

    @Test func insertsAndFindsByIDAndEmail() async throws {
        try await withDatabase { (database, _) async throws in
            let alice = user()
            #expect(try await database.transaction { try await $0.users.insert(alice) })
            let byID = try await database.withConnection { try await $0.users.find(id: alice.id) }
            let byEmail = try await database.withConnection { try await $0.users.find(email: alice.email) }
            #expect(byID == alice)
            #expect(byEmail?.id == alice.id)
            #expect(try await database.withConnection { try await $0.users.find(id: .random()) } == nil)
        }
    }

    @Test func findsTheAccountsOfSeveralIDsThatExist() async throws {
        try await withDatabase { (database, _) async throws in
            let (alice, bob) = (user(), user())
            #expect(try await database.transaction { try await $0.users.insert(alice) })
            #expect(try await database.transaction { try await $0.users.insert(bob) })
            let found = try await database.withConnection {
                try await $0.users.find(ids: [bob.id, .random(), alice.id, bob.id])
            }
            #expect(Set(found.map(\.id)) == [alice.id, bob.id] && found.count == 2)
            #expect(found.first { $0.id == alice.id } == alice)
            #expect(try await database.withConnection { try await $0.users.find(ids: []) }.isEmpty)
        }
    }

    @Test func theUniqueEmailConstraintAnswersADuplicate() async throws {
        try await withDatabase { (database, client) async throws in
            let email = TestData.email()
            #expect(try await database.transaction { try await $0.users.insert(user(email)) })
            #expect(try await !database.transaction { try await $0.users.insert(user(email)) })
            #expect(try await TestData.count(client, "users") == 1)
        }
    }

    @Test func concurrentRegistrationsOfOneEmailLeaveOneRow() async throws {
        try await withDatabase { (database, client) async throws in
            let email = TestData.email()
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await database.transaction { try await $0.users.insert(user(email)) } }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await TestData.count(client, "users") == 1)
        }
    }

    @Test func aFailedTransactionLeavesNoTrace() async throws {
        struct Boom: Error {}
        try await withDatabase { (database, client) async throws in
            await #expect(throws: Boom.self) {
                try await database.transaction { repositories in
                    _ = try await repositories.users.insert(user())
                    throw Boom()
                }
            }
            #expect(try await TestData.count(client, "users") == 0)
        }
    }
}

@Suite struct RefreshTokenRepositoryTests {
    @Test func onlyOneRotationWinsAndFamiliesRevokeTogether() async throws {
        try await withDatabase { (database, client) async throws in
            let userID = UserID(try await TestData.insertUser(client))
            let family = UUID()
            let now = Date()
            let records = (0..<2).map { index in
                RefreshTokenRecord(
                    id: UUID(), userID: userID, tokenHash: String(repeating: "\(index)", count: 64), familyID: family,
                    issuedAt: now, expiresAt: now.addingTimeInterval(60))
            }
            try await database.transaction { repositories in
                for record in records { try await repositories.refreshTokens.insert(record) }
            }
            let hash = records[0].tokenHash
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await database.transaction { try await $0.refreshTokens.markUsed(tokenHash: hash, at: now) }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
            let stored = try #require(
                try await database.withConnection { try await $0.refreshTokens.find(tokenHash: hash) })
            #expect(stored.usedAt != nil && stored.familyID == family)
            try await database.transaction { try await $0.refreshTokens.revokeFamily(family, at: now) }
            #expect(try await TestData.count(client, "refresh_tokens", where: "revoked_at IS NULL") == 0)
            #expect(
                try await !database.transaction {
                    try await $0.refreshTokens.markUsed(tokenHash: records[1].tokenHash, at: now)
                })
        }
    }
}

/// Accounts stored before mailbox keys existed are keyed by `clicknback migrate`; two spellings of one mailbox
/// are reported, never merged (ADR 019).
@Suite struct MailboxKeyBackfillTests {
    /// Inserts a row the way an older binary did: no mailbox key.
    func legacyUser(_ client: PostgresClient, _ email: String, createdAt: Date) async throws -> UUID {
        let id = UUID()
        try await client.query(
            """
            INSERT INTO users (id, email, hashed_password, role, active, created_at)
            VALUES (\(id), \(email), 'x', 'user', true, \(createdAt))
            """, logger: TestDatabase.logger)
        return id
    }

    @Test func keysOldRowsOldestFirstAndReportsTheSharedMailboxes() async throws {
        try await withDatabase { (database, client) async throws in
            let tag = UUID().uuidString.prefix(6).lowercased()
            let start = Date(timeIntervalSince1970: 1_767_225_600)
            let first = try await legacyUser(client, "Alice\(tag)@example.com", createdAt: start)
            let second = try await legacyUser(client, "alice\(tag)@example.com", createdAt: start + 60)
            let third = try await legacyUser(client, "alice\(tag)+2@example.com", createdAt: start + 120)
            let other = try await legacyUser(client, "bob\(tag)@bücher.de", createdAt: start + 180)
            let reconciliation = ReconciliationService(unitOfWork: database)
            #expect(try await reconciliation.run().drifts.filter { $0.rule == "account_has_mailbox_key" }.count == 4)

            let shared = try await MailboxKeyBackfill(client: client, logger: TestDatabase.logger).run()
            #expect(
                shared == [
                    .init(userID: second, keptBy: first), .init(userID: third, keptBy: first),
                ])
            #expect(try await TestData.count(client, "users", where: "mailbox_key = 'bob\(tag)@xn--bcher-kva.de'") == 1)
            let drifts = try await reconciliation.run().drifts.filter { $0.rule == "account_has_mailbox_key" }
            #expect(Set(drifts.map(\.subject)) == [second.uuidString.lowercased(), third.uuidString.lowercased()])
            #expect(try await MailboxKeyBackfill(client: client, logger: TestDatabase.logger).run().count == 2)

            // The duplicate still logs in with its exact address; any other spelling reaches the keyed account.
            let exact = try await database.withConnection {
                try await $0.users.find(email: EmailAddress(parsing: "alice\(tag)@example.com"))
            }
            #expect(exact?.id.uuid == second)
            let variant = try await database.withConnection {
                try await $0.users.find(email: EmailAddress(parsing: "ALICE\(tag)@example.com"))
            }
            #expect(variant?.id.uuid == first)
            _ = other

            // The operator's resolution: the duplicate is deactivated, and reconcile is clean of it.
            try await client.query(
                "UPDATE users SET active = false WHERE id IN (\(second), \(third))", logger: TestDatabase.logger)
            #expect(try await reconciliation.run().drifts.filter { $0.rule == "account_has_mailbox_key" }.isEmpty)
        }
    }

    @Test func aRowTheDatabaseRefusesIsReportedAndTheRestAreKeyed() async throws {
        try await withDatabase { (_, client) async throws in
            let start = Date(timeIntervalSince1970: 1_767_225_600)
            // Garbage an old row may hold: its key ("@x") breaks the column's CHECK, like a key too long to index.
            let huge = try await legacyUser(client, "@x", createdAt: start)
            let normal = try await legacyUser(
                client, "Normal\(UUID().uuidString.prefix(6))@example.com", createdAt: start + 1)
            let shared = try await MailboxKeyBackfill(client: client, logger: TestDatabase.logger).run()
            #expect(shared.isEmpty)
            #expect(try await TestData.count(client, "users", where: "id = '\(huge)' AND mailbox_key IS NULL") == 1)
            #expect(
                try await TestData.count(client, "users", where: "id = '\(normal)' AND mailbox_key IS NOT NULL") == 1)
        }
    }

    @Test func aRegistrationOfAnotherSpellingIsADuplicate() async throws {
        try await withDatabase { (database, _) async throws in
            let carla = User(
                id: .random(), email: try EmailAddress(parsing: "carla@example.com"), passwordHash: "x", role: .user,
                active: true, createdAt: Date())
            let again = User(
                id: .random(), email: try EmailAddress(parsing: "Carla+x@EXAMPLE.com"), passwordHash: "x",
                role: .user, active: true, createdAt: Date())
            #expect(try await database.transaction { try await $0.users.insert(carla) })
            #expect(try await !database.transaction { try await $0.users.insert(again) })
        }
    }
}
