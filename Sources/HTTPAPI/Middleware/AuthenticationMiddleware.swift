import Application
import Domain
import Hummingbird
import Logging

/// Resolves `Authorization: Bearer <token>` to an active user for every route behind it, or partner
/// credentials (bearer key or signature, ADR 015) to an active partner.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    /// Where a user's account is read and checked.
    enum AccountCheck {
        /// Here, before the handler: `context.caller`.
        case beforeTheHandler
        /// By the handler's own statement (purchase ingestion, ADR 041): only the token is checked here, and the
        /// user it names is `context.tokenSubject`.
        case inTheHandlersStatement
    }

    let auth: AuthService
    let partners: PartnerAuthenticator
    var account = AccountCheck.beforeTheHandler

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
        let userID: UserID
        switch account {
        case .beforeTheHandler:
            let caller = try await auth.authenticate(accessToken: token)
            context.caller = caller
            userID = caller.id
        case .inTheHandlersStatement:
            userID = try await auth.verifiedUserID(accessToken: token)
            context.tokenSubject = userID
        }
        context.logger[metadataKey: "user_id"] = .string(userID.description)
        context.facts.callerID = userID.description
        return try await next(request, context)
    }

    /// The token after a case-insensitive `Bearer` scheme; `nil` for anything else. Read as bytes: every
    /// authenticated request passes here twice, and `lowercased()` and `trimmingCharacters(in:)` on the token
    /// (a few hundred characters) cost as much as the token's HMAC check (docs/performance.md).
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let value = header.utf8.drop { $0 == UInt8(ascii: " ") }
        guard let schemeEnd = value.firstIndex(of: UInt8(ascii: " ")),
            value[..<schemeEnd].elementsEqual("bearer".utf8, by: { $0 | 0x20 == $1 })
        else { return nil }
        var token = value[schemeEnd...].drop(while: isBlank)
        while let last = token.last, isBlank(last) { token = token.dropLast() }
        return token.isEmpty ? nil : String(Substring(token))
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
