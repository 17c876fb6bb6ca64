import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id — the caller's `X-Request-ID` when it is sane, a new UUID otherwise — puts it on
/// every log line about the request and echoes it on the response.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    static let header: HTTPField.Name = {
        // A literal, valid token: this cannot fail at run time.
        guard let name = HTTPField.Name("X-Request-ID") else { preconditionFailure("invalid header name literal") }
        return name
    }()

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let requestID = request.headers[Self.header].flatMap(Self.acceptable) ?? UUIDText.lowercased(UUID())
        context.requestID = requestID
        context.logger[metadataKey: "request_id"] = .string(requestID)
        var response = try await next(request, context)
        response.headers[Self.header] = requestID
        return response
    }

    /// Up to 128 characters of letters, digits and `-._:`; anything else could inject into logs or headers.
    static func acceptable(_ candidate: String) -> String? {
        let allowed = candidate.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "-._:".unicodeScalars.contains($0)
        }
        return allowed && (1...128).contains(candidate.count) ? candidate : nil
    }
}
