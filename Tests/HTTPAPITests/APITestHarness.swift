import Application
import Composition
import Credentials
import Domain
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import TestSupport

/// Drives the real router over a fresh database through Hummingbird's in-process test client.
struct APIHarness: Sendable {
    let client: any TestClientProtocol
    let database: PostgresClient
    let tokens: JWTTokenService
    /// The operations the router serves.
    let routes: [APIRoute]

    static let secret = String(repeating: "k", count: 40)

    static func settings(_ overrides: [String: String] = [:]) throws -> Settings {
        try Settings(
            source: SettingsSource(
                values: [
                    "DATABASE_URL": "postgresql://unused@localhost/unused", "OAUTH_HASH_KEY": secret,
                    "BCRYPT_COST": "4",
                    "CLICKNBACK_ENV": "test",
                    // Tests run many at once on a loaded machine: waiting for a pooled connection is not the
                    // behaviour under test here, so it may take long rather than answer 503.
                    "DATABASE_LEASE_TIMEOUT_MS": "60000",
                ].merging(overrides) { _, new in new }))
    }

    /// Runs `body` against a router wired exactly as `clicknback api` wires it.
    static func run(
        settings overrides: [String: String] = [:], _ body: @Sendable (APIHarness) async throws -> Void
    ) async throws {
        try await TestDatabase.withFresh { (database, _) async throws in
            let tokens = await JWTTokenService(
                secret: secret, algorithm: .hs256, accessTokenTTL: .seconds(900), refreshTokenTTL: .seconds(3600))
            try await serve(database, tokens: tokens, settings: overrides, body)
        }
    }

    /// Runs `body` against a second API instance on the same database, wired the same way: another host behind the
    /// load balancer, sharing nothing with this one but PostgreSQL.
    func otherInstance(
        settings overrides: [String: String] = [:], _ body: @Sendable (APIHarness) async throws -> Void
    ) async throws {
        try await Self.serve(database, tokens: tokens, settings: overrides, body)
    }

    /// One API instance over `database`, wired as `clicknback api` wires it, behind the in-process test client.
    private static func serve(
        _ database: PostgresClient, tokens: JWTTokenService, settings overrides: [String: String],
        _ body: @Sendable (APIHarness) async throws -> Void
    ) async throws {
        let dependencies = try await APIComposition.dependencies(
            settings: try settings(overrides), client: database, logger: TestDatabase.logger)
        let api = APIRouter.build(dependencies)
        let app = Application(router: api.router, logger: TestDatabase.logger)
        let routes = api.routes
        try await app.test(.router) { client in
            try await body(APIHarness(client: client, database: database, tokens: tokens, routes: routes))
        }
    }

    /// Sends a request with an optional JSON body and bearer token.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(
            uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Inserts an account with password `Str0ng!Pass` and returns an access token for it.
    func account(role: String = "user", active: Bool = true) async throws -> (id: UUID, token: String) {
        let email = TestData.email(role)
        let hash = try await BcryptPasswordHasher(cost: 4).hash("Str0ng!Pass")
        let id = try await TestData.insertUser(database, email: email, passwordHash: hash, role: role, active: active)
        let user = User(
            id: UserID(id), email: EmailAddress(trusted: email), passwordHash: hash,
            role: Role(rawValue: role) ?? .user,
            active: active, createdAt: Date())
        let issued = try await tokens.issueTokens(for: user, familyID: UUID(), at: Date())
        return (id, issued.accessToken)
    }
}

extension TestResponse {
    /// The body parsed as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// `error.code` of an envelope.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }

    var errorDetails: [String: Any] { ((json["error"] as? [String: Any])?["details"] as? [String: Any]) ?? [:] }
}
