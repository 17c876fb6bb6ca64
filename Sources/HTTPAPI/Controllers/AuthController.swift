import Application
import Domain
import Hummingbird

/// `POST /api/v1/auth/login` and `POST /api/v1/auth/refresh`.
struct AuthController {
    let auth: AuthService
    /// Failed logins per mailbox and per client address.
    let throttle: LoginThrottle

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.post, "/api/v1/auth/login", use: login)
        routes.on(.post, "/api/v1/auth/refresh", use: refresh)
    }

    @Sendable func login(_ request: Request, context: APIRequestContext) async throws
        -> EditedResponse<TokenPairResponse>
    {
        var body = try await BodyFields.read(request, context: context)
        let (email, password) = try body.finish(
            body.email("email", refusingLookalikes: false), body.string("password", maxLength: 1024))
        let issued = try await throttle.attempt(email: email, request: request, context: context) {
            try await auth.login(email: email, password: password)
        }
        return EditedResponse(headers: .noStore, response: TokenPairResponse(issued))
    }

    @Sendable func refresh(_ request: Request, context: APIRequestContext) async throws
        -> EditedResponse<TokenPairResponse>
    {
        var body = try await BodyFields.read(request, context: context)
        let token = try body.finish(body.string("refresh_token", maxLength: 4096))
        return EditedResponse(
            headers: .noStore, response: TokenPairResponse(try await auth.refresh(refreshToken: token)))
    }
}

extension BodyFields {
    /// A required, syntactically valid e-mail address, normalised.
    mutating func email(_ name: String, refusingLookalikes: Bool = true) -> EmailAddress? {
        guard let text = string(name) else { return nil }
        do {
            return try EmailAddress(parsing: text, refusingLookalikes: refusingLookalikes)
        } catch {
            reject(name, "value is not a valid email address: \(error.reason)")
            return nil
        }
    }
}
