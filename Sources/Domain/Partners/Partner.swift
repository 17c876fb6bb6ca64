public import Foundation

/// A system that posts purchases on behalf of users (a merchant's checkout, an affiliate network), allowed
/// to do so only for the merchants it is bound to.
public struct Partner: Equatable, Sendable {
    public let id: PartnerID
    public let name: String
    public let merchantIDs: Set<MerchantID>
    public let active: Bool
    public let createdAt: Date

    public init(id: PartnerID, name: String, merchantIDs: Set<MerchantID>, active: Bool, createdAt: Date) {
        (self.id, self.name, self.merchantIDs, self.active, self.createdAt) = (id, name, merchantIDs, active, createdAt)
    }
}

/// Identifies a `Partner`.
public typealias PartnerID = TypedID<Partner>

/// One credential of a partner: its key id is public, its secret is shown once and stored encrypted.
public struct PartnerCredential: Equatable, Sendable {
    public let keyID: String
    public let partnerID: PartnerID
    public let createdAt: Date
    /// Set by a rotation: the credential works until then, so the partner can switch without downtime.
    public let expiresAt: Date?
    public let revokedAt: Date?

    public init(keyID: String, partnerID: PartnerID, createdAt: Date, expiresAt: Date?, revokedAt: Date?) {
        (self.keyID, self.partnerID, self.createdAt, self.expiresAt, self.revokedAt) = (
            keyID, partnerID, createdAt, expiresAt, revokedAt
        )
    }

    /// Whether a request authenticated with this credential at `instant` is accepted.
    public func isUsable(at instant: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { instant < $0 } ?? true)
    }

    /// `active`, `expiring` (rotated, still in its overlap), `expired` or `revoked`.
    public func state(at instant: Date) -> String {
        if revokedAt != nil { return "revoked" }
        guard let expiresAt else { return "active" }
        return instant < expiresAt ? "expiring" : "expired"
    }
}

/// Why a partner request or administration was refused.
public enum PartnerError: Error, Equatable, Sendable {
    case notFound(String)
    case credentialNotFound(String)
    case duplicateName(String)
    case unknownMerchants([String])
    /// The partner is not bound to the purchase's merchant.
    case notPartnerMerchant(merchant: MerchantID)
}
