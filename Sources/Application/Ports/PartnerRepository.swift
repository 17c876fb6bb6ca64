public import Domain
public import Foundation

/// Partners, their merchants and their credentials (secrets only as ciphertext).
public protocol PartnerRepository: Sendable {
    /// Inserts the partner and its merchant bindings; `false` when the name is taken.
    func insert(_ partner: Partner) async throws -> Bool
    func find(id: PartnerID) async throws -> Partner?
    func list() async throws -> [Partner]
    func insertCredential(_ credential: PartnerCredential, ciphertext: Data) async throws
    func credentials(of partnerID: PartnerID) async throws -> [PartnerCredential]
    /// The credential, its sealed secret and its partner, for authenticating a request.
    func credential(keyID: String) async throws -> (PartnerCredential, Data, Partner)?
    /// Gives a credential that has no expiry yet one (rotation); `false` when it is revoked, already rotated or
    /// unknown, so repeated rotations cannot keep an old key alive.
    func expire(keyID: String, partnerID: PartnerID, at instant: Date) async throws -> Bool
    /// Ends a credential now; `false` when it does not exist or was already revoked.
    func revoke(keyID: String, partnerID: PartnerID, at instant: Date) async throws -> Bool
}
