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
            let byID = try await database.read { try await $0.users.find(id: alice.id) }
            let byEmail = try await database.read { try await $0.users.find(email: alice.email) }
            #expect(byID == alice)
            #expect(byEmail?.id == alice.id)
            #expect(try await database.read { try await $0.users.find(id: .random()) } == nil)
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
            let stored = try #require(try await database.read { try await $0.refreshTokens.find(tokenHash: hash) })
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
