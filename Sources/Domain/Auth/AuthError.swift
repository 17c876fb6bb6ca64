/// Why a credential was refused. Each case is one spec error code (section 0.3 and 2 of the API spec).
public enum AuthError: Error, Equatable, Sendable {
    /// Missing, malformed, wrongly signed or unusable access token, or its user is gone.
    case invalidToken
    /// The access token's signature is valid but it has expired.
    case expiredToken
    /// The token's user exists but is deactivated.
    case userInactive(UserID)
    /// Authenticated, but the stored role is not admin.
    case forbidden
    /// Unknown e-mail or wrong password: deliberately indistinguishable.
    case invalidCredentials
    /// Refresh token unknown, expired, malformed or otherwise unusable.
    case invalidRefreshToken
    /// Refresh token already rotated (reuse): its whole family is now revoked.
    case tokenRevoked
}
