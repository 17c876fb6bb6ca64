import Application
import Domain
import Hummingbird

/// `POST /api/v1/auth/login` and `POST /api/v1/auth/refresh`.
struct AuthController {
    let auth: AuthService
    /// Failed logins per e-mail address: every attempt takes a token first (so parallel guesses cannot all
    /// pass), successes and server-side failures give it back; once spent, every attempt on that address
    /// (even with the right password) answers 429 until the bucket refills.
    let failedLogins: RateLimiter
    /// The same per client address (ADR 018): a client spraying guesses at many addresses is stopped too.
    let clients: ClientLimits

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.post, "/api/v1/auth/login") { request, context in
            var body = try await BodyFields.read(request, context: context)
            let email = body.email("email", refusingLookalikes: false)
            let password = body.string("password", maxLength: 1024)
            try body.finish()
            guard let email, let password else { throw APIError.validation(body.violations) }
            let limits = [
                (clients.failedLogins, context.clientKey(clients.addresses, request: request)),
                (failedLogins, email.mailboxKey),
            ]
            for (index, (limiter, key)) in limits.enumerated() {
                guard let wait = limiter.retryAfter(for: key) else { continue }
                for (earlier, earlierKey) in limits.prefix(index) { earlier.refund(for: earlierKey) }
                throw APIError.rateLimited(wait)
            }
            let issued: IssuedTokens
            do {
                issued = try await auth.login(email: email, password: password)
            } catch let refused as AuthError {
                throw refused
            } catch let overloaded as BoundedWork.Overloaded {
                // Shed for overload: the client's attempt counts (a flooding client spends its burst at once
                // instead of keeping the bcrypt queue full), the address's does not (its owner is not to blame).
                failedLogins.refund(for: email.mailboxKey)
                throw overloaded
            } catch {
                for (limiter, key) in limits { limiter.refund(for: key) }
                throw error
            }
            for (limiter, key) in limits { limiter.refund(for: key) }
            return try JSONResponse.make(TokenPairResponse(issued), headers: .noStore)
        }
        routes.on(.post, "/api/v1/auth/refresh") { request, context in
            var body = try await BodyFields.read(request, context: context)
            let token = body.string("refresh_token", maxLength: 4096)
            try body.finish()
            guard let token else { throw APIError.validation(body.violations) }
            return try JSONResponse.make(
                TokenPairResponse(try await auth.refresh(refreshToken: token)), headers: .noStore)
        }
    }
}

/// The token response body of login and refresh.
struct TokenPairResponse: Encodable {
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
