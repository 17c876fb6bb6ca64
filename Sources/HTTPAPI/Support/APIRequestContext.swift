public import Domain
import HTTPTypes
public import Hummingbird

/// Per-request state: the request id every log line carries and, on protected routes, the caller.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Honoured from `X-Request-ID` when sane, generated otherwise; echoed back on the response.
    public var requestID: String = ""
    /// The authenticated caller, set by `AuthenticationMiddleware`.
    public var caller: User?
    /// The user a valid access token names, on the route whose own statement reads the account (ADR 041): set
    /// there instead of `caller`.
    public var tokenSubject: UserID?
    /// The authenticated partner, when the request carried partner credentials instead of a user token.
    public var partner: Partner?
    /// The connection's peer address (a proxy's, behind one); see `ClientAddressPolicy`.
    public let peerAddress: String?
    /// Shared by every copy of this request's context, so the access log (outside authentication) learns
    /// who the caller was.
    let facts = RequestFacts()

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies above 1 MiB are refused with 413 before anything parses them.
    public var maxUploadSize: Int { 1024 * 1024 }

    /// What handlers return is written with the API's JSON configuration.
    public var responseEncoder: WireResponseEncoder { WireResponseEncoder() }

    /// The key per-client limits count this request under (`ClientAddressPolicy`).
    func clientKey(_ policy: ClientAddressPolicy, request: Request) -> String {
        policy.clientKey(peer: peerAddress, forwardedFor: request.headers[values: .xForwardedFor])
    }

    /// The authenticated caller; routes behind `AuthenticationMiddleware` always have one.
    func requireCaller() throws -> User {
        if partner != nil { throw AuthError.forbidden }
        guard let caller else { throw AuthError.invalidToken }
        return caller
    }

    /// The path parameter `name` as a typed id. A malformed one is answered by `notFound` with the text sent, like
    /// a well-formed id that matches nothing.
    func id<Entity>(_ name: String, orElse notFound: (String) -> some Error) throws -> TypedID<Entity> {
        let raw = parameters.get(name) ?? ""
        guard let id = TypedID<Entity>(parsing: raw) else { throw notFound(raw) }
        return id
    }

    /// The authenticated caller, who must hold the admin role (stored role, not the token's claim).
    func requireAdmin() throws -> User {
        let caller = try requireCaller()
        guard caller.role == .admin else { throw AuthError.forbidden }
        return caller
    }
}

extension HTTPField.Name {
    /// The addresses a request passed through, appended to by each proxy (`ClientAddressPolicy`).
    static let xForwardedFor: HTTPField.Name = {
        // A valid literal; the failable initializer only refuses malformed names.
        guard let name = HTTPField.Name("X-Forwarded-For") else { preconditionFailure("invalid header name literal") }
        return name
    }()
}
