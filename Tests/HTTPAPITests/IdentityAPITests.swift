import Credentials
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite struct HealthAndRoutingTests {
    @Test func healthProbesAnswerWithoutAuthentication() async throws {
        try await APIHarness.run { api in
            #expect(try await api.send(.get, "/health/live").json["status"] as? String == "alive")
            let ready = try await api.send(.get, "/health/ready")
            #expect(ready.status == .ok && ready.json["status"] as? String == "ready")
        }
    }

    @Test func unknownPathsAndWrongMethodsUseTheFrameworkBodies() async throws {
        try await APIHarness.run { api in
            let missing = try await api.send(.get, "/api/v1/nothing")
            #expect(missing.status == .notFound && missing.json["detail"] as? String == "Not Found")
            let wrongMethod = try await api.send(.get, "/api/v1/feature-flags/some_key")
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "DELETE, PUT")
        }
    }

    @Test func requestIDsAreEchoedOrGenerated() async throws {
        try await APIHarness.run { api in
            let echoed = try await api.send(.get, "/health/live", headers: [HTTPField.Name("X-Request-ID")!: "abc-123"])
            #expect(echoed.headers[HTTPField.Name("X-Request-ID")!] == "abc-123")
            let replaced = try await api.send(
                .get, "/health/live", headers: [HTTPField.Name("X-Request-ID")!: "bad\u{7f}id"])
            #expect(replaced.headers[HTTPField.Name("X-Request-ID")!]?.count == 36)
        }
    }
}

@Suite struct RegistrationAPITests {
    @Test func registersWithOrWithoutTheTrailingSlash() async throws {
        try await APIHarness.run { api in
            let created = try await api.send(
                .post, "/api/v1/users/",
                json: #"{"email": "New.User@Example.COM", "password": "ValidPass1!", "role": "admin"}"#)
            #expect(created.status == .created)
            #expect(created.json["email"] as? String == "New.User@example.com")
            #expect(created.json["role"] as? String == "user" && created.json["active"] as? Bool == true)
            #expect((created.json["created_at"] as? String)?.hasSuffix("Z") == true)
            let other = try await api.send(
                .post, "/api/v1/users", json: #"{"email": "b@example.com", "password": "ValidPass1!"}"#)
            #expect(other.status == .created)
        }
    }

    @Test func explainsEveryBadInput() async throws {
        try await APIHarness.run { api in
            let weak = try await api.send(
                .post, "/api/v1/users/", json: #"{"email": "w@example.com", "password": "weak"}"#)
            #expect(weak.status == .badRequest && weak.errorCode == "PASSWORD_NOT_COMPLEX_ENOUGH")
            _ = try await api.send(
                .post, "/api/v1/users/", json: #"{"email": "d@example.com", "password": "ValidPass1!"}"#)
            let duplicate = try await api.send(
                .post, "/api/v1/users/", json: #"{"email": "d@example.com", "password": "ValidPass1!"}"#)
            #expect(duplicate.status == .conflict && duplicate.errorCode == "EMAIL_ALREADY_REGISTERED")
            let missing = try await api.send(.post, "/api/v1/users/", json: #"{}"#)
            #expect(missing.status == .unprocessableContent && missing.errorCode == "VALIDATION_ERROR")
            #expect((missing.errorDetails["violations"] as? [Any])?.count == 2)
            let badEmail = try await api.send(
                .post, "/api/v1/users/", json: #"{"email": "nope", "password": "ValidPass1!"}"#)
            #expect(badEmail.status == .unprocessableContent)
            let malformed = try await api.send(.post, "/api/v1/users/", json: #"{"email": "#)
            #expect(malformed.status == .unprocessableContent && malformed.errorCode == "VALIDATION_ERROR")
            let notObject = try await api.send(.post, "/api/v1/users/", json: "[1, 2]")
            #expect(notObject.status == .unprocessableContent)
            let huge = try await api.send(
                .post, "/api/v1/users/", json: #"{"email": ""# + String(repeating: "a", count: 1_100_000) + #""}"#)
            #expect(huge.status == .contentTooLarge && huge.errorCode == "PAYLOAD_TOO_LARGE")
            #expect(try await TestData.count(api.database, "users") == 1)
        }
    }
}

@Suite struct AuthenticationAPITests {
    func login(_ api: APIHarness, _ email: String, _ password: String) async throws -> TestResponse {
        try await api.send(.post, "/api/v1/auth/login", json: #"{"email": "\#(email)", "password": "\#(password)"}"#)
    }

    @Test func loginRefreshAndFamilyRevocation() async throws {
        try await APIHarness.run { api in
            _ = try await api.send(
                .post, "/api/v1/users/", json: #"{"email": "u@example.com", "password": "ValidPass1!"}"#)
            let login = try await login(api, "u@example.com", "ValidPass1!")
            #expect(login.status == .ok && login.json["token_type"] as? String == "bearer")
            let access = try #require(login.json["access_token"] as? String)
            let refresh1 = try #require(login.json["refresh_token"] as? String)
            let me = try await api.send(.get, "/api/v1/users/me", token: access)
            #expect(me.status == .ok && me.json["email"] as? String == "u@example.com")

            let rotated = try await api.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token": "\#(refresh1)"}"#)
            #expect(rotated.status == .ok)
            let refresh2 = try #require(rotated.json["refresh_token"] as? String)
            let reused = try await api.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token": "\#(refresh1)"}"#)
            #expect(reused.status == .unauthorized && reused.errorCode == "TOKEN_REVOKED")
            let afterTheft = try await api.send(
                .post, "/api/v1/auth/refresh", json: #"{"refresh_token": "\#(refresh2)"}"#)
            #expect(afterTheft.errorCode == "TOKEN_REVOKED")
            let garbage = try await api.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token": "x.y.z"}"#)
            #expect(garbage.errorCode == "INVALID_REFRESH_TOKEN")
            #expect(reused.headers[.wwwAuthenticate] == nil)
        }
    }

    @Test func wrongPasswordAndUnknownEmailAreIndistinguishable() async throws {
        try await APIHarness.run { api in
            _ = try await api.send(
                .post, "/api/v1/users/", json: #"{"email": "u@example.com", "password": "ValidPass1!"}"#)
            let wrong = try await login(api, "u@example.com", "nope")
            let unknown = try await login(api, "ghost@example.com", "ValidPass1!")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.errorCode == "INVALID_CREDENTIALS")
            #expect(String(buffer: wrong.body) == String(buffer: unknown.body))
        }
    }

    @Test func aRefreshTokenReplayedInParallelRotatesOnceAndRevokesTheFamily() async throws {
        try await APIHarness.run { api in
            _ = try await api.send(
                .post, "/api/v1/users/", json: #"{"email": "r@example.com", "password": "ValidPass1!"}"#)
            let login = try await login(api, "r@example.com", "ValidPass1!")
            let refresh = try #require(login.json["refresh_token"] as? String)
            let answers = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let answer = try await api.send(
                            .post, "/api/v1/auth/refresh", json: #"{"refresh_token": "\#(refresh)"}"#)
                        return (Int(answer.status.code), answer.json["refresh_token"] as? String)
                    }
                }
                return try await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
            }
            let rotated = answers.filter { $0.0 == 200 }
            #expect(rotated.count == 1, "\(answers.map(\.0))")
            #expect(answers.allSatisfy { $0.0 == 200 || $0.0 == 401 }, "\(answers.map(\.0))")
            let successor = try #require(rotated.first?.1)
            let afterReuse = try await api.send(
                .post, "/api/v1/auth/refresh", json: #"{"refresh_token": "\#(successor)"}"#)
            #expect(afterReuse.status == .unauthorized, "the replay revoked the whole family")
        }
    }

    @Test func repeatedFailedLoginsAreLimitedPerAddressEvenWithTheRightPassword() async throws {
        try await APIHarness.run(settings: ["LOGIN_RATE_LIMIT_BURST": "3", "LOGIN_RATE_LIMIT_PER_MINUTE": "1"]) { api in
            _ = try await api.send(
                .post, "/api/v1/users/", json: #"{"email": "v@example.com", "password": "ValidPass1!"}"#)
            #expect(try await login(api, "v@example.com", "ValidPass1!").status == .ok, "successes cost nothing")
            for _ in 0..<3 { #expect(try await login(api, "v@example.com", "wrong-guess").status == .unauthorized) }
            let blocked = try await login(api, "V@Example.com", "ValidPass1!")
            #expect(blocked.status == .tooManyRequests && blocked.errorCode == "RATE_LIMITED")
            #expect(Int(blocked.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try await login(api, "other@example.com", "wrong-guess").status == .unauthorized, "per address")
            let parallel = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 { group.addTask { Int(try await login(api, "w@example.com", "guess").status.code) } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(parallel.filter { $0 == 401 }.count == 3, "parallel guesses cannot exceed the burst: \(parallel)")
        }
    }

    @Test func theBearerSchemeIsReadCaseInsensitivelyAndNothingElseIsAToken() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            for header in [
                "Bearer \(user.token)", "bearer \(user.token)", "BEARER \(user.token)", "  Bearer   \(user.token) \t",
            ] {
                let me = try await api.send(.get, "/api/v1/users/me", headers: [.authorization: header])
                #expect(me.status == .ok, "\(header.prefix(12))…")
            }
            for header in [
                "Bearer", "Bearer ", "Bearer \t ", "Bearer\t\(user.token)", "Basic \(user.token)",
                "Bearerx \(user.token)",
                "Bearer \(user.token) extra", user.token,
            ] {
                let me = try await api.send(.get, "/api/v1/users/me", headers: [.authorization: header])
                #expect(me.errorCode == "INVALID_TOKEN", "\(header.prefix(12))…")
            }
        }
    }

    @Test func tokenChecksFollowTheSpecOrder() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let noToken = try await api.send(.get, "/api/v1/users/me")
            #expect(noToken.status == .unauthorized && noToken.errorCode == "INVALID_TOKEN")
            #expect(noToken.headers[.wwwAuthenticate] == "Bearer")
            let tampered = try await api.send(.get, "/api/v1/users/me", token: user.token + "x")
            #expect(tampered.errorCode == "INVALID_TOKEN")
            let unsigned =
                "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJ1c2VyX2lkIjoiYSIsInVzZXJfcm9sZSI6ImFkbWluIiwiZXhwIjo0MTAyNDQ0ODAwfQ."
            #expect(try await api.send(.get, "/api/v1/users/me", token: unsigned).errorCode == "INVALID_TOKEN")
            let otherKey = await JWTTokenService(
                secret: String(repeating: "z", count: 40), algorithm: .hs256, accessTokenTTL: .seconds(60),
                refreshTokenTTL: .seconds(60))
            let me = try await api.send(.get, "/api/v1/users/me", token: user.token)
            let foreign = try await otherKey.issueTokens(
                for: .init(
                    id: .init(user.id), email: .init(trusted: me.json["email"] as? String ?? ""), passwordHash: "",
                    role: .admin, active: true, createdAt: Date()), familyID: UUID(), at: Date())
            #expect(
                try await api.send(.get, "/api/v1/users/me", token: foreign.accessToken).errorCode == "INVALID_TOKEN")
            let expired = try await api.tokens.issueTokens(
                for: .init(
                    id: .init(user.id), email: .init(trusted: "x@example.com"), passwordHash: "", role: .user,
                    active: true,
                    createdAt: Date()), familyID: UUID(), at: Date().addingTimeInterval(-3600))
            #expect(
                try await api.send(.get, "/api/v1/users/me", token: expired.accessToken).errorCode == "EXPIRED_TOKEN")
            #expect(
                try await api.send(.get, "/api/v1/users/me", token: foreign.refreshToken).errorCode == "INVALID_TOKEN")
            let inactive = try await api.account(active: false)
            let refused = try await api.send(.get, "/api/v1/users/me", token: inactive.token)
            #expect(
                refused.errorCode == "USER_INACTIVE"
                    && refused.errorDetails["user_id"] as? String == inactive.id.uuidString.lowercased())
            let admin = try await api.send(.get, "/api/v1/merchants/", token: user.token)
            #expect(admin.status == .forbidden && admin.errorCode == "FORBIDDEN")
        }
    }
}

@Suite struct CORSAPITests {
    let settings = [
        "CORS_ALLOWED_ORIGINS": #"["https://app.example"]"#, "CORS_ALLOW_ORIGIN_REGEX": #"http://localhost(:\d+)?"#,
    ]

    @Test func preflightsFromAllowedOriginsSucceedAndOthersAreRefused() async throws {
        try await APIHarness.run(settings: settings) { api in
            let allowed = try await api.send(
                .options, "/api/v1/purchases/",
                headers: [.origin: "http://localhost:5173", .accessControlRequestMethod: "POST"])
            #expect(allowed.status == .ok)
            #expect(allowed.headers[.accessControlAllowOrigin] == "http://localhost:5173")
            #expect(allowed.headers[.accessControlAllowCredentials] == "true")
            let refused = try await api.send(
                .options, "/api/v1/purchases/",
                headers: [.origin: "https://evil.example", .accessControlRequestMethod: "POST"])
            #expect(refused.status == .badRequest && String(buffer: refused.body) == "Disallowed CORS origin")
        }
    }

    @Test func responsesCarryTheHeadersOnlyForAllowedOrigins() async throws {
        try await APIHarness.run(settings: settings) { api in
            let allowed = try await api.send(.get, "/health/live", headers: [.origin: "https://app.example"])
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://app.example")
            let other = try await api.send(.get, "/health/live", headers: [.origin: "https://app.example.evil"])
            #expect(other.status == .ok && other.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
