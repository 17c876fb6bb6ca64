import HTTPTypes
import Hummingbird

/// Headers every response carries, errors included: `X-Content-Type-Options: nosniff`, so no browser ever
/// second-guesses a declared content type (a JSON body read as HTML or script).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions: HTTPField.Name = {
        // A valid literal; the failable initializer only refuses malformed names.
        guard let name = HTTPField.Name("X-Content-Type-Options") else {
            preconditionFailure("invalid header name literal")
        }
        return name
    }()
}
