import Application
import Domain
import Foundation
import Hummingbird

/// Registration (`POST /api/v1/users/`) and the caller's own account (`GET /api/v1/users/me`).
struct UserController {
    let users: UserService
    /// Sign-ups per client address (ADR 018).
    let clients: ClientLimits

    func registerPublic(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.post, "/api/v1/users/", use: register)
    }

    func registerProtected(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.get, "/api/v1/users/me", use: me)
    }

    @Sendable func register(_ request: Request, context: APIRequestContext) async throws
        -> EditedResponse<UserResponse>
    {
        var body = try await BodyFields.read(request, context: context)
        let email = body.email("email")
        let password = body.password("password")
        _ = body.optionalBool("active")
        let (validEmail, validPassword) = try body.finish(email, password)
        let client = context.clientKey(clients.addresses, request: request)
        if let wait = clients.registrations.retryAfter(for: client) { throw APIError.rateLimited(wait) }
        let user = try await users.register(email: validEmail, password: validPassword)
        return EditedResponse(status: .created, response: UserResponse(user))
    }

    @Sendable func me(_ request: Request, context: APIRequestContext) async throws -> UserResponse {
        UserResponse(try context.requireCaller())
    }
}

extension BodyFields {
    /// A required password of at most `PasswordPolicy.maximumBytes` bytes of UTF-8 (bcrypt's limit).
    mutating func password(_ name: String) -> String? {
        guard let password = string(name, maxLength: 128) else { return nil }
        guard password.utf8.count <= PasswordPolicy.maximumBytes else {
            reject(
                name,
                "String should have at most \(PasswordPolicy.maximumBytes) bytes in UTF-8 (bcrypt ignores the rest)")
            return nil
        }
        return password
    }
}
