import Hummingbird

/// Refuses a request whose path or query carries an encoded NUL (`%00`) with a 400, before any handler
/// passes it on: PostgreSQL text cannot hold U+0000, and no identifier or filter of this API contains one.
struct NULGuardMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if Self.containsEncodedNUL(request.uri.description) {
            throw APIError(
                .badRequest, code: "BAD_REQUEST", message: "The request URL must not contain NUL characters (%00).",
                details: ["action": "Remove %00 from the path and query."])
        }
        return try await next(request, context)
    }

    /// Whether `%00` occurs in the text, read as bytes (Foundation's substring search costs a locale-aware
    /// comparison on every request).
    static func containsEncodedNUL(_ text: String) -> Bool {
        var matched = 0
        for byte in text.utf8 {
            switch (matched, byte) {
            case (_, UInt8(ascii: "%")): matched = 1
            case (1, UInt8(ascii: "0")): matched = 2
            case (2, UInt8(ascii: "0")): return true
            default: matched = 0
            }
        }
        return false
    }
}
