import Application
import Credentials
import Domain
import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct PartnerRepositoryTests {
    @Test func secretsRoundTripSealedAndAnotherServerKeyCannotOpenThem() async throws {
        try await withDatabase { (database, client) async throws in
            let merchant = try await TestData.insertMerchant(client)
            let sealer = try AESGCMSecretSealer(keyMaterial: Data(repeating: 7, count: 32))
            let service = PartnerService(
                unitOfWork: database, clock: SystemClock(), sealer: sealer, rotationOverlap: .seconds(60))
            let admin = UserID.random()
            let partner = try await service.create(name: "Net", merchantIDs: [MerchantID(merchant)], by: admin)
            #expect(partner.merchantIDs == [MerchantID(merchant)])
            await #expect(throws: PartnerError.duplicateName("Net")) {
                _ = try await service.create(name: "Net", merchantIDs: [MerchantID(merchant)], by: admin)
            }
            await #expect(
                throws: PartnerError.unknownMerchants([
                    UUID(uuidString: "00000000-0000-4000-8000-000000000000")!.uuidString.lowercased()
                ])
            ) {
                _ = try await service.create(
                    name: "Other", merchantIDs: [MerchantID(UUID(uuidString: "00000000-0000-4000-8000-000000000000")!)],
                    by: admin)
            }
            let issued = try await service.issueCredential(partnerID: partner.id, by: admin)
            let found = try #require(try await service.authenticate(keyID: issued.credential.keyID))
            #expect(found.partner.id == partner.id && found.secret == issued.secret)
            let otherKey = PartnerService(
                unitOfWork: database, clock: SystemClock(),
                sealer: AESGCMSecretSealer(derivingFrom: "a different server key"), rotationOverlap: .seconds(60))
            #expect(try await otherKey.authenticate(keyID: issued.credential.keyID) == nil, "refused, not a crash")
            try await service.revoke(partnerID: partner.id, keyID: issued.credential.keyID, by: admin)
            #expect(try await service.authenticate(keyID: issued.credential.keyID) == nil)
            await #expect(throws: PartnerError.credentialNotFound(issued.credential.keyID)) {
                try await service.revoke(partnerID: partner.id, keyID: issued.credential.keyID, by: admin)
            }
            #expect(try await TestData.count(client, "audit_logs", where: "action LIKE 'PARTNER_%'") == 3)
        }
    }
}
