import Application
import Domain
import Foundation

struct InMemoryPartners: PartnerRepository {
    let working: WorkingCopy

    func insert(_ partner: Partner) async throws -> Bool {
        working.state.withLock { state in
            guard !state.partners.contains(where: { $0.name == partner.name }) else { return false }
            state.partners.append(partner)
            return true
        }
    }
    func find(id: PartnerID) async throws -> Partner? {
        working.state.withLock { $0.partners.first { $0.id == id } }
    }
    func list() async throws -> [Partner] { working.state.withLock { $0.partners } }
    func insertCredential(_ credential: PartnerCredential, ciphertext: Data) async throws {
        working.state.withLock { $0.partnerCredentials[credential.keyID] = (credential, ciphertext) }
    }
    func credentials(of partnerID: PartnerID) async throws -> [PartnerCredential] {
        working.state.withLock { state in
            state.partnerCredentials.values.map(\.credential).filter { $0.partnerID == partnerID }
                .sorted { $0.createdAt < $1.createdAt }
        }
    }
    func credential(keyID: String) async throws -> (PartnerCredential, Data, Partner)? {
        working.state.withLock { state in
            guard let stored = state.partnerCredentials[keyID],
                let partner = state.partners.first(where: { $0.id == stored.credential.partnerID })
            else { return nil }
            return (stored.credential, stored.ciphertext, partner)
        }
    }
    func expire(keyID: String, partnerID: PartnerID, at instant: Date) async throws -> Bool {
        update(keyID, partnerID) { old in
            guard old.revokedAt == nil, old.expiresAt == nil else { return nil }
            return PartnerCredential(
                keyID: old.keyID, partnerID: old.partnerID, createdAt: old.createdAt, expiresAt: instant, revokedAt: nil
            )
        }
    }
    func revoke(keyID: String, partnerID: PartnerID, at instant: Date) async throws -> Bool {
        update(keyID, partnerID) { old in
            guard old.revokedAt == nil else { return nil }
            return PartnerCredential(
                keyID: old.keyID, partnerID: old.partnerID, createdAt: old.createdAt, expiresAt: old.expiresAt,
                revokedAt: instant)
        }
    }

    private func update(_ keyID: String, _ partnerID: PartnerID, _ change: (PartnerCredential) -> PartnerCredential?)
        -> Bool
    {
        working.state.withLock { state in
            guard let stored = state.partnerCredentials[keyID], stored.credential.partnerID == partnerID,
                let changed = change(stored.credential)
            else { return false }
            state.partnerCredentials[keyID] = (changed, stored.ciphertext)
            return true
        }
    }
}
