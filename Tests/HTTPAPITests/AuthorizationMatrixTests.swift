import Application
import Credentials
import Domain
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Every route × every kind of caller → the status the contract promises: anonymous and broken tokens get 401
/// on protected routes, users get 403 on admin routes, and users never see each other's money (404).
@Suite struct AuthorizationMatrixTests {
    enum Caller: String, CaseIterable {
        case anonymous, user, admin, expired, otherKey, algNone
    }

    /// The access level the OpenAPI document gives each operation (`x-access`).
    func operations(_ api: APIHarness) async throws -> [(method: String, path: String, access: String)] {
        let paths = try #require(try await api.send(.get, "/openapi.json").json["paths"] as? [String: [String: Any]])
        return paths.flatMap { path, operations in
            operations.compactMap { method, operation in
                guard let access = (operation as? [String: Any])?["x-access"] as? String else { return nil }
                return (method.uppercased(), path, access)
            }
        }
    }

    func tokens(_ api: APIHarness) async throws -> [Caller: String?] {
        let user = try await api.account()
        let admin = try await api.account(role: "admin")
        let someone = User(
            id: UserID(user.id), email: EmailAddress(trusted: "x@example.com"), passwordHash: "", role: .admin,
            active: true, createdAt: Date())
        let expired = try await api.tokens.issueTokens(
            for: someone, familyID: UUID(), at: Date().addingTimeInterval(-3600))
        let stranger = await JWTTokenService(
            secret: String(repeating: "z", count: 40), algorithm: .hs256, accessTokenTTL: .seconds(900),
            refreshTokenTTL: .seconds(3600))
        let forged = try await stranger.issueTokens(for: someone, familyID: UUID(), at: Date())
        let payload = admin.token.split(separator: ".")[1]
        let noneHeader = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
        return [
            .anonymous: nil, .user: user.token, .admin: admin.token, .expired: expired.accessToken,
            .otherKey: forged.accessToken, .algNone: "\(noneHeader).\(payload).",
        ]
    }

    @Test func everyRouteAnswersEveryCallerAsTheContractSays() async throws {
        try await APIHarness.run { api in
            let callers = try await tokens(api)
            var checked = 0
            for (method, path, access) in try await operations(api) {
                let uri = path.replacingOccurrences(
                    of: #"\{[^}]+\}"#, with: UUID().uuidString.lowercased(), options: .regularExpression)
                for caller in Caller.allCases {
                    let token = callers[caller] ?? nil
                    let answer = try await api.send(
                        HTTPRequest.Method(method) ?? .get, uri, token: token,
                        json: method == "GET" || method == "DELETE" ? nil : "{}")
                    let status = answer.status.code
                    let label = "\(caller.rawValue) \(method) \(path) -> \(status) \(answer.errorCode ?? "")"
                    switch (access, caller) {
                    case ("anonymous", _):
                        #expect(status != 401 && status != 403, "\(label)")
                    case (_, .anonymous), (_, .expired), (_, .otherKey), (_, .algNone):
                        #expect(status == 401, "\(label)")
                    case ("admin", .user), ("partner", .user), ("partner", .admin):
                        #expect(status == 403, "\(label)")
                    default:
                        #expect(status != 401 && status != 403, "\(label)")
                    }
                    #expect(status < 500, "\(label)")
                    checked += 1
                }
            }
            #expect(checked >= 36 * Caller.allCases.count - Caller.allCases.count)
            print("figures: authorization matrix \(checked) route x caller checks")
        }
    }

    @Test func usersNeverSeeAnotherUsersPurchasesWalletOrPayouts() async throws {
        try await APIHarness.run { api in
            let owner = try await api.account()
            let other = try await api.account()
            let shop = try await api.shopWithOffer()
            let created = try await api.ingest(owner.token, user: owner.id, merchant: shop)
            let purchaseID = try #require(created.json["id"] as? String)
            let peek = try await api.send(.get, "/api/v1/purchases/\(purchaseID)", token: other.token)
            let absent = try await api.send(
                .get, "/api/v1/purchases/\(UUID().uuidString.lowercased())", token: other.token)
            #expect(peek.status == .forbidden && peek.errorCode == "FORBIDDEN", "the contract's status")
            #expect(absent.status == .notFound)
            #expect(
                peek.errorDetails["resource_owner"] == nil
                    && !String(buffer: peek.body).contains(owner.id.uuidString.lowercased()),
                "the refusal names no one")
            let own = try await api.send(.get, "/api/v1/purchases/\(purchaseID)", token: owner.token)
            #expect(own.status == .ok)
            let list = try await api.send(.get, "/api/v1/users/me/purchases", token: other.token)
            #expect((list.json["data"] as? [Any])?.isEmpty == true)
            let wallet = try await api.send(.get, "/api/v1/users/me/wallet", token: other.token)
            #expect(["0", "0.00"].contains(wallet.json["pending_balance"] as? String ?? "?"))
            let transactions = try await api.send(.get, "/api/v1/users/me/wallet/transactions", token: other.token)
            #expect((transactions.json["data"] as? [Any])?.isEmpty == true)
            let payouts = try await api.send(.get, "/api/v1/users/me/payouts", token: other.token)
            #expect(payouts.status == .ok && !String(buffer: payouts.body).contains(owner.id.uuidString.lowercased()))
            let foreignIngest = try await api.ingest(other.token, user: owner.id, merchant: shop)
            #expect(foreignIngest.status == .forbidden)
        }
    }
}
