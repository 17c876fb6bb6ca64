import JWTKit

/// The claims of the API's tokens, as signed and as read back. An issued token carries exactly the claims the spec
/// lists — access: `user_id`, `user_role`, `exp`, `token_type`; refresh: `user_id`, `exp`, `token_type`, `jti` —
/// because an absent value is not written. Reading, every claim is optional, so that a missing one is an
/// `INVALID_TOKEN` decided by `JWTTokenService`, and expiry and `nbf` are judged against the injected clock rather
/// than the library's.
struct TokenClaims: JWTPayload {
    var userID: String?
    var userRole: String?
    var exp: Int?
    var nbf: Int?
    var tokenType: String?
    var jti: String?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case userRole = "user_role"
        case tokenType = "token_type"
        case exp, nbf, jti
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
