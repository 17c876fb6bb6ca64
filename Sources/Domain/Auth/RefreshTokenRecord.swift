public import Foundation

/// The stored trace of an issued refresh token: only its SHA-256 hash, never the token itself.
public struct RefreshTokenRecord: Equatable, Sendable {
    public let id: UUID
    public let userID: UserID
    /// Lower-case hex SHA-256 of the full token string.
    public let tokenHash: String
    /// All tokens rotated from one login share a family, so reuse of any of them can revoke the lot.
    public let familyID: UUID
    public let issuedAt: Date
    public let expiresAt: Date
    public let usedAt: Date?
    public let revokedAt: Date?

    public init(
        id: UUID, userID: UserID, tokenHash: String, familyID: UUID, issuedAt: Date, expiresAt: Date,
        usedAt: Date? = nil, revokedAt: Date? = nil
    ) {
        (
            self.id, self.userID, self.tokenHash, self.familyID, self.issuedAt, self.expiresAt, self.usedAt,
            self.revokedAt
        ) = (id, userID, tokenHash, familyID, issuedAt, expiresAt, usedAt, revokedAt)
    }
}
