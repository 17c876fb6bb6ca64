import Application
import Domain
import Hummingbird
import Logging

/// Resolves `Authorization: Bearer <token>` to an active user for every route behind it, or partner
/// credentials (bearer key or signature, ADR 015) to an active partner.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let auth: AuthService
    let partners: PartnerAuthenticator

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if PartnerAuthenticator.isPartnerRequest(request) {
            var request = request
            var context = context
            let partner = try await partners.authenticate(&request, context: context)
            context.partner = partner
            context.logger[metadataKey: "partner_id"] = .string(partner.id.description)
            context.facts.partnerID = partner.id.description
            return try await next(request, context)
        }
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
