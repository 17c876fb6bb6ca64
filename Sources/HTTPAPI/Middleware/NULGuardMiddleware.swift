import Hummingbird

/// Refuses a request whose path or query carries an encoded NUL (`%00`) with a 400, before any handler
/// passes it on: PostgreSQL text cannot hold U+0000, and no identifier or filter of this API contains one.
struct NULGuardMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.uri.description.contains("%00") {
            throw APIError(
                .badRequest, code: "BAD_REQUEST", message: "The request URL must not contain NUL characters (%00).",
                details: ["action": "Remove %00 from the path and query."])
        }
        return try await next(request, context)
    }
}
