public import Domain
public import Foundation

/// Signs and checks the API's JWTs.
public protocol TokenService: Sendable {
    /// Issues an access token and a refresh token for `user`; the refresh token joins `familyID`.
    func issueTokens(for user: User, familyID: UUID, at instant: Date) async throws -> IssuedTokens
    /// Checks signature and expiry of an access token and returns whose it is.
    func verifyAccessToken(_ token: String, at instant: Date) async throws(AuthError) -> UserID
    /// Checks a refresh token and returns its owner and the hash under which it is stored.
    func verifyRefreshToken(_ token: String, at instant: Date) async throws(AuthError) -> VerifiedRefreshToken
}

/// A freshly issued token pair plus the refresh token's storage record.
public struct IssuedTokens: Sendable {
    public let accessToken: String
    public let refreshToken: String
    public let refreshRecord: RefreshTokenRecord

    public init(accessToken: String, refreshToken: String, refreshRecord: RefreshTokenRecord) {
        (self.accessToken, self.refreshToken, self.refreshRecord) = (accessToken, refreshToken, refreshRecord)
    }
}

/// What a valid refresh token says.
public struct VerifiedRefreshToken: Equatable, Sendable {
    public let userID: UserID
    public let tokenHash: String

    public init(userID: UserID, tokenHash: String) {
        (self.userID, self.tokenHash) = (userID, tokenHash)
    }
}
