import Application
import Domain
import Hummingbird
import Logging

/// Resolves `Authorization: Bearer <token>` to an active user for every route behind it.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let auth: AuthService

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = Self.bearerToken(request.headers[.authorization]) else { throw AuthError.invalidToken }
        var context = context
        let caller = try await auth.authenticate(accessToken: token)
        context.caller = caller
        context.logger[metadataKey: "user_id"] = .string(caller.id.description)
        context.facts.callerID = caller.id.description
        return try await next(request, context)
    }

    /// The token after a case-insensitive `Bearer` scheme; `nil` for anything else.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
