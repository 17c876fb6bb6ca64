public import Domain
public import Hummingbird

/// Per-request state: the request id every log line carries and, on protected routes, the caller.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Honoured from `X-Request-ID` when sane, generated otherwise; echoed back on the response.
    public var requestID: String = ""
    /// The authenticated caller, set by `AuthenticationMiddleware`.
    public var caller: User?
    /// The authenticated partner, when the request carried partner credentials instead of a user token.
    public var partner: Partner?
    /// Shared by every copy of this request's context, so the access log (outside authentication) learns
    /// who the caller was.
    let facts = RequestFacts()

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Bodies above 1 MiB are refused with 413 before anything parses them.
    public var maxUploadSize: Int { 1024 * 1024 }

    /// The authenticated caller; routes behind `AuthenticationMiddleware` always have one.
    func requireCaller() throws -> User {
        if partner != nil { throw AuthError.forbidden }
        guard let caller else { throw AuthError.invalidToken }
        return caller
    }

    /// The authenticated caller, who must hold the admin role (stored role, not the token's claim).
    func requireAdmin() throws -> User {
        let caller = try requireCaller()
        guard caller.role == .admin else { throw AuthError.forbidden }
        return caller
    }
}
