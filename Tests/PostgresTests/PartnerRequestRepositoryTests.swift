import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

/// The partner request guards every API instance shares (ADR 038), against the real tables. Two units of work on
/// one database stand for two API instances: they share nothing but PostgreSQL.
@Suite struct PartnerRequestRepositoryTests {
    private func secondInstance(_ client: PostgresClient) -> PostgresUnitOfWork {
        PostgresUnitOfWork(client: client, logger: TestDatabase.logger, leaseTimeout: .seconds(60))
    }

    private func record(_ signature: String, on database: PostgresUnitOfWork, memory: Duration = .seconds(600))
        async throws -> Bool
    {
        try await database.withConnection { try await $0.partnerRequests.recordSignature(signature, memory: memory) }
    }

    private func take(_ partner: PartnerID, on database: PostgresUnitOfWork, interval: Duration, burst: Int)
        async throws -> Duration?
    {
        try await database.withConnection {
            try await $0.partnerRequests.takeSlot(for: partner, interval: interval, burst: burst)
        }
    }

    private func insertPartner(_ client: PostgresClient) async throws -> PartnerID {
        let id = UUID()
        let name = "Partner \(id.uuidString.prefix(8))"
        try await client.query("INSERT INTO partners (id, name) VALUES (\(id), \(name))", logger: TestDatabase.logger)
        return PartnerID(id)
    }

    @Test func aSignatureIsAcceptedOnceWhicheverInstanceSeesItFirst() async throws {
        try await withDatabase { (database, client) async throws in
            let other = secondInstance(client)
            #expect(try await record("pk_a:01", on: database))
            #expect(try await !record("pk_a:01", on: other), "the other instance refuses the replay")
            #expect(try await !record("pk_a:01", on: database))
            #expect(try await record("pk_a:02", on: other), "another signature is new")
        }
    }

    @Test func concurrentCopiesOfOneSignatureAreAcceptedOnce() async throws {
        try await withDatabase { (database, client) async throws in
            let instances = [database, secondInstance(client)]
            let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for copy in 0..<16 {
                    group.addTask { try await self.record("pk_b:ff", on: instances[copy % 2]) }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(accepted == 1)
        }
    }

    @Test func signaturesOlderThanTheirMemoryAreForgotten() async throws {
        try await withDatabase { (database, client) async throws in
            #expect(try await record("pk_c:old", on: database))
            try await client.query(
                "UPDATE partner_signatures SET seen_at = now() - interval '1 hour'", logger: TestDatabase.logger)
            #expect(try await record("pk_c:new", on: database, memory: .seconds(600)))
            let kept = try await TestData.count(client, "partner_signatures", where: "signature = 'pk_c:old'")
            #expect(kept == 0, "recording a signature deletes those past their memory")
            #expect(try await TestData.count(client, "partner_signatures", where: "signature = 'pk_c:new'") == 1)
        }
    }

    @Test func aPartnersLimitIsOneClockForEveryInstance() async throws {
        try await withDatabase { (database, client) async throws in
            let partner = try await insertPartner(client)
            let instances = [database, secondInstance(client)]
            let waits = try await withThrowingTaskGroup(of: Duration?.self) { group in
                for request in 0..<10 {
                    group.addTask {
                        try await self.take(partner, on: instances[request % 2], interval: .seconds(3600), burst: 3)
                    }
                }
                return try await group.reduce(into: [Duration?]()) { $0.append($1) }
            }
            #expect(waits.filter { $0 == nil }.count == 3, "the burst, over both instances together")
            let refused = waits.compactMap { $0 }
            #expect(refused.count == 7)
            #expect(refused.allSatisfy { $0 > .seconds(3500) && $0 <= .seconds(3600) }, "\(refused)")
            let another = try await insertPartner(client)
            #expect(try await take(another, on: database, interval: .seconds(3600), burst: 3) == nil, "per partner")
        }
    }

    @Test func aSlotComesBackAfterItsInterval() async throws {
        try await withDatabase { (database, client) async throws in
            let partner = try await insertPartner(client)
            let interval = Duration.seconds(1)
            #expect(try await take(partner, on: database, interval: interval, burst: 1) == nil)
            // Refused as soon as two slots are asked for within an interval (a slow machine may need a few tries).
            var refusal: Duration?
            for _ in 0..<20 where refusal == nil {
                refusal = try await take(partner, on: database, interval: interval, burst: 1)
            }
            let wait = try #require(refusal)
            // Zero when the refusal's own read of the clock came after the interval had passed (a slow machine).
            #expect(wait >= .zero && wait <= interval)
            let deadline = ContinuousClock.now + .seconds(30)
            var granted = false
            while !granted && ContinuousClock.now < deadline {
                granted = try await take(partner, on: database, interval: interval, burst: 1) == nil
                if !granted { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(granted, "the next slot is free once the interval has passed")
        }
    }
}
