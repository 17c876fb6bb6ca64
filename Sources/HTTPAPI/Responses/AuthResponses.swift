import Application
import Domain
import Hummingbird

/// The token response body of login and refresh.
struct TokenPairResponse: ResponseEncodable {
    let accessToken: String
    let refreshToken: String
    let tokenType = "bearer"

    init(_ issued: IssuedTokens) {
        self.accessToken = issued.accessToken
        self.refreshToken = issued.refreshToken
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case tokenType = "token_type"
    }
}
