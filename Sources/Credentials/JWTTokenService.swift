public import Application
import Crypto
public import Domain
public import Foundation
import JWTKit

/// The API's JWTs (spec section 2.1): HMAC-signed access tokens carrying `user_id`, `user_role`, `exp`,
/// `token_type`; refresh tokens carrying `user_id`, `exp`, `token_type`, `jti`, stored only as SHA-256 hashes.
public struct JWTTokenService: TokenService {
    let keys: JWTKeyCollection
    /// The only `alg` a token's header may name; checked before the signature (`StrictCompactToken`).
    let algorithm: Algorithm
    let accessTokenTTL: Duration
    let refreshTokenTTL: Duration

    /// Supported values of `OAUTH_ALGORITHM`.
    public enum Algorithm: String, Sendable, CaseIterable {
        case hs256 = "HS256"
        case hs384 = "HS384"
        case hs512 = "HS512"
    }

    public init(secret: String, algorithm: Algorithm, accessTokenTTL: Duration, refreshTokenTTL: Duration) async {
        let digest: DigestAlgorithm =
            switch algorithm {
            case .hs256: .sha256
            case .hs384: .sha384
            case .hs512: .sha512
            }
        self.keys = await JWTKeyCollection().add(hmac: HMACKey(from: secret), digestAlgorithm: digest)
        self.algorithm = algorithm
        self.accessTokenTTL = accessTokenTTL
        self.refreshTokenTTL = refreshTokenTTL
    }

    public func issueTokens(for user: User, familyID: UUID, at instant: Date) async throws -> IssuedTokens {
        let access = TokenClaims(
            userID: user.id.description, userRole: user.role.rawValue,
            exp: Self.unixSeconds(instant, plus: accessTokenTTL), tokenType: "access")
        let refreshExpiry = Self.unixSeconds(instant, plus: refreshTokenTTL)
        let refresh = TokenClaims(
            userID: user.id.description, exp: refreshExpiry, tokenType: "refresh", jti: Self.randomJTI())
        let refreshToken = try await keys.sign(refresh)
        let record = RefreshTokenRecord(
            id: UUID(), userID: user.id, tokenHash: Self.sha256Hex(refreshToken), familyID: familyID, issuedAt: instant,
            expiresAt: Date(timeIntervalSince1970: TimeInterval(refreshExpiry)))
        return IssuedTokens(accessToken: try await keys.sign(access), refreshToken: refreshToken, refreshRecord: record)
    }

    public func verifyAccessToken(_ token: String, at instant: Date) async throws(AuthError) -> UserID {
        guard let claims = await claims(of: token) else { throw .invalidToken }
        guard let exp = claims.exp else { throw .invalidToken }
        guard Double(exp) > instant.timeIntervalSince1970 else { throw .expiredToken }
        guard Self.isValid(notBefore: claims.nbf, at: instant) else { throw .invalidToken }
        guard claims.userRole != nil, let raw = claims.userID, let userID = UserID(parsing: raw) else {
            throw .invalidToken
        }
        return userID
    }

    public func verifyRefreshToken(_ token: String, at instant: Date) async throws(AuthError) -> VerifiedRefreshToken {
        guard let claims = await claims(of: token) else { throw .invalidRefreshToken }
        guard let exp = claims.exp, Double(exp) > instant.timeIntervalSince1970, claims.tokenType == "refresh",
            Self.isValid(notBefore: claims.nbf, at: instant), let raw = claims.userID, let userID = UserID(parsing: raw)
        else { throw .invalidRefreshToken }
        return VerifiedRefreshToken(userID: userID, tokenHash: Self.sha256Hex(token))
    }

    /// The claims of a token in the exact form this service issues (`StrictCompactToken`) whose signature checks
    /// out; `nil` otherwise.
    private func claims(of token: String) async -> TokenClaims? {
        do {
            try StrictCompactToken.check(token, algorithm: algorithm.rawValue)
            return try await keys.verify(token, as: TokenClaims.self)
        } catch {
            return nil
        }
    }

    /// A token with `nbf` (not before) is not valid until then; no leeway, like `exp`.
    private static func isValid(notBefore: Int?, at instant: Date) -> Bool {
        notBefore.map { Double($0) <= instant.timeIntervalSince1970 } ?? true
    }

    /// Lower-case hex SHA-256, the form under which refresh tokens are stored.
    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private static func unixSeconds(_ instant: Date, plus ttl: Duration) -> Int {
        Int(instant.timeIntervalSince1970) + Int(ttl.wholeMilliseconds / 1000)
    }

    /// 32 random bytes, URL-safe base64 without padding (43 characters).
    private static func randomJTI() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
