import Application
import Domain
import Foundation
import Testing

/// `PartnerService`'s request guards hand the shared checks to the repository (ADR 038): a signature's memory is
/// twice its window, and the rate becomes the interval between slots.
@Suite struct PartnerRequestGuardTests {
    /// A sealer the guards never call.
    struct UnusedSealer: SecretSealer {
        func seal(_ secret: [UInt8], keyID: String) throws -> Data { Data(secret) }
        func open(_ ciphertext: Data, keyID: String) throws -> [UInt8] { Array(ciphertext) }
    }

    func service(_ store: InMemoryStore) -> PartnerService {
        PartnerService(unitOfWork: store, clock: FixedClock(), sealer: UnusedSealer(), rotationOverlap: .seconds(60))
    }

    @Test func aSignatureIsAcceptedOnce() async throws {
        let store = InMemoryStore()
        let partners = service(store)
        #expect(try await partners.acceptSignature("pk_1:aa", window: .seconds(300)))
        #expect(try await !partners.acceptSignature("pk_1:aa", window: .seconds(300)))
        #expect(try await partners.acceptSignature("pk_1:bb", window: .seconds(300)))
    }

    @Test func aPartnerGetsItsBurstAndThenAWaitOfOneInterval() async throws {
        let store = InMemoryStore()
        let partners = service(store)
        let partner = PartnerID.random()
        for _ in 0..<2 { #expect(try await partners.takeRequest(for: partner, perSecond: 4, burst: 2) == nil) }
        #expect(try await partners.takeRequest(for: partner, perSecond: 4, burst: 2) == .milliseconds(250))
        #expect(try await partners.takeRequest(for: PartnerID.random(), perSecond: 4, burst: 2) == nil)
    }

    @Test func anOutageIsTheDatabasesError() async throws {
        let store = InMemoryStore()
        store.databaseDown.withLock { $0 = true }
        await #expect(throws: DatabaseUnavailable.self) {
            try await service(store).acceptSignature("pk_1:cc", window: .seconds(300))
        }
    }
}
