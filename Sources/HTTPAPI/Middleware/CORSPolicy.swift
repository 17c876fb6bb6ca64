import HTTPTypes
import Hummingbird

/// Which browser origins may call the API (rule R-CORS, docs/rules.md): an exact list plus an optional pattern.
public struct CORSPolicy: Sendable {
    let allowedOrigins: Set<String>
    /// Kept as text (a compiled `Regex` is not `Sendable`); validated here, compiled when an origin is not in
    /// the exact list.
    let originPattern: String?

    /// - Parameter originPattern: a regular expression the whole origin must match (`CORS_ALLOW_ORIGIN_REGEX`).
    public init(allowedOrigins: [String], originPattern: String?) throws {
        self.allowedOrigins = Set(allowedOrigins)
        if let originPattern { _ = try Regex(originPattern) }
        self.originPattern = originPattern
    }

    func allows(_ origin: String) -> Bool {
        if allowedOrigins.contains(origin) { return true }
        guard let originPattern, let regex = try? Regex(originPattern) else { return false }
        return (try? regex.wholeMatch(in: origin)) != nil
    }
}

/// Answers CORS preflights (200 for allowed origins, 400 `Disallowed CORS origin` otherwise) and adds the
/// `Access-Control-Allow-*` headers to responses for allowed origins; credentials allowed, any method and header.
struct CORSMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let policy: CORSPolicy

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        if request.method == .options, let method = request.headers[.accessControlRequestMethod] {
            guard policy.allows(origin) else {
                return Response(
                    status: .badRequest, headers: [.contentType: "text/plain"],
                    body: .init(byteBuffer: ByteBuffer(string: "Disallowed CORS origin")))
            }
            var headers = Self.allowHeaders(origin)
            headers[.accessControlAllowMethods] = method
            headers[.accessControlAllowHeaders] = request.headers[.accessControlRequestHeaders] ?? "*"
            headers[.accessControlMaxAge] = "600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "OK")))
        }
        var response = try await next(request, context)
        if policy.allows(origin) {
            for field in Self.allowHeaders(origin) { response.headers[field.name] = field.value }
        }
        return response
    }

    private static func allowHeaders(_ origin: String) -> HTTPFields {
        [.accessControlAllowOrigin: origin, .accessControlAllowCredentials: "true", .vary: "Origin"]
    }
}
