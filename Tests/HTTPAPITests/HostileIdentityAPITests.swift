import Credentials
import Crypto
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import TestSupport
import Testing

extension APIHarness {
    func register(_ email: String, password: String = "ValidPass1!") async throws -> TestResponse {
        try await send(.post, "/api/v1/users/", json: #"{"email": "\#(email)", "password": "\#(password)"}"#)
    }

    func login(_ email: String, password: String = "ValidPass1!") async throws -> TestResponse {
        try await send(.post, "/api/v1/auth/login", json: #"{"email": "\#(email)", "password": "\#(password)"}"#)
    }
}

/// One account per mailbox, and no look-alike addresses (ADR 019).
@Suite struct MailboxIdentityAPITests {
    @Test func everySpellingOfOneMailboxIsTheSameAccount() async throws {
        try await APIHarness.run { api in
            let name = "alice\(UUID().uuidString.prefix(6).lowercased())"
            #expect(try await api.register("\(name)@clicknback.com").status == .created)
            let variants = [
                "\(name.capitalized)@clicknback.com", "\(name.uppercased())@CLICKNBACK.COM",
                "\(name)+promo@clicknback.com",
                String(name.unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0) ?? $0) })
                    + "@clicknback.com",
            ]
            for variant in variants {
                let again = try await api.register(variant)
                #expect(again.status == .conflict && again.errorCode == "EMAIL_ALREADY_REGISTERED", "\(variant)")
            }
            #expect(try await api.login("\(name.uppercased())@ClickNBack.com").status == .ok, "login ignores case")

            #expect(try await api.register("\(name)@bücher.de").status == .created)
            let punycode = try await api.register("\(name)@XN--BCHER-KVA.de")
            #expect(punycode.errorCode == "EMAIL_ALREADY_REGISTERED", "the same IDN domain in punycode")
            #expect(try await api.register("\(name).smith@gmail.com").status == .created)
            #expect(try await api.register("\(name)smith+x@googlemail.com").errorCode == "EMAIL_ALREADY_REGISTERED")
            #expect(try await api.register("\(name)@other.com").status == .created, "another domain is another mailbox")
        }
    }

    @Test func lookAlikeAddressesAreRefused() async throws {
        try await APIHarness.run { api in
            for email in [
                "\u{0430}lice@clicknback.com", "alice@cl\u{0456}cknback.com", "\u{0430}\u{043E}\u{0435}@example.com",
            ] {
                let refused = try await api.register(email)
                #expect(refused.status == .unprocessableContent && refused.errorCode == "VALIDATION_ERROR", "\(email)")
            }
            #expect(try await api.register("иван@почта.рф").status == .created, "one writing system is fine")
            // An account stored before the rule still signs in: login looks addresses up, it does not refuse them.
            let hash = try await BcryptPasswordHasher(cost: 4).hash("ValidPass1!")
            try await TestData.insertUser(api.database, email: "\u{0430}lice@clicknback.com", passwordHash: hash)
            #expect(try await api.login("\u{0430}lice@clicknback.com").status == .ok)
        }
    }

    @Test func passwordsBcryptWouldTruncateAreRefused() async throws {
        try await APIHarness.run { api in
            let base = "Aa1!" + String(repeating: "x", count: 68)
            #expect(base.utf8.count == 72)
            #expect(try await api.register("long72@example.com", password: base).status == .created)
            let tooLong = try await api.register("long73@example.com", password: base + "y")
            #expect(tooLong.status == .unprocessableContent && tooLong.errorCode == "VALIDATION_ERROR")
            let violations = tooLong.errorDetails["violations"] as? [[String: Any]] ?? []
            #expect((violations.first?["reason"] as? String)?.contains("72 bytes") == true, "\(tooLong.json)")
            let multibyte = "Aa1!" + String(repeating: "é", count: 35)
            #expect(try await api.register("long74@example.com", password: multibyte).status == .unprocessableContent)
            #expect(try await api.login("long72@example.com", password: base + "y").status == .unauthorized)
        }
    }
}

/// Token verification accepts only the exact form this service issues.
@Suite struct StrictTokenAPITests {
    /// A token signed with the harness's key, with any header and claims.
    static func forge(header: String, claims: String, algorithm: String = "HS256") -> String {
        func encode(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let signingInput = encode(Data(header.utf8)) + "." + encode(Data(claims.utf8))
        let key = SymmetricKey(data: Data(APIHarness.secret.utf8))
        let signature: Data =
            switch algorithm {
            case "HS384": Data(HMAC<SHA384>.authenticationCode(for: Data(signingInput.utf8), using: key))
            default: Data(HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key))
            }
        return signingInput + "." + encode(signature)
    }

    /// The same token with its last character's unused low bits set: it decodes to the same bytes.
    static func respell(_ token: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        guard let last = token.last, let index = alphabet.firstIndex(of: last) else { return token }
        // A 32-byte HMAC is 43 characters: the last one carries 2 bits of data and 4 unused ones.
        return String(token.dropLast()) + String(alphabet[index | 0b1111])
    }

    @Test func notBeforeAlgorithmAndEncodingAreEnforced() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let now = Int(Date().timeIntervalSince1970)
            let claims = #"{"user_id":"\#(user.id.uuidString.lowercased())","user_role":"user","exp":\#(now + 600)"#
            let header = #"{"alg":"HS256","typ":"JWT"}"#
            let valid = Self.forge(header: header, claims: claims + "}")
            #expect(try await api.send(.get, "/api/v1/users/me", token: valid).status == .ok, "the control case")
            let cases = [
                ("nbf in the future", Self.forge(header: header, claims: claims + #","nbf":\#(now + 300)}"#)),
                ("trailing =", valid + "="),
                ("unused bits set in the signature's last character", Self.respell(valid)),
                ("padded payload", valid.replacingOccurrences(of: ".", with: "=.")),
                (
                    "another alg",
                    Self.forge(header: #"{"alg":"HS384","typ":"JWT"}"#, claims: claims + "}", algorithm: "HS384")
                ),
                ("alg none", Self.forge(header: #"{"alg":"none"}"#, claims: claims + "}")),
                ("crit header", Self.forge(header: #"{"alg":"HS256","crit":["exp"]}"#, claims: claims + "}")),
                ("odd typ", Self.forge(header: #"{"alg":"HS256","typ":"at+jwt"}"#, claims: claims + "}")),
            ]
            for (name, token) in cases {
                let answer = try await api.send(.get, "/api/v1/users/me", token: token)
                #expect(answer.status == .unauthorized && answer.errorCode == "INVALID_TOKEN", "\(name)")
            }
            let past = Self.forge(header: header, claims: claims + #","nbf":\#(now - 5)}"#)
            #expect(try await api.send(.get, "/api/v1/users/me", token: past).status == .ok, "nbf in the past is fine")
        }
    }

    @Test func aDeactivatedAccountCannotRefreshAndItsSessionsEnd() async throws {
        try await APIHarness.run { api in
            #expect(try await api.register("gone@example.com").status == .created)
            let login = try await api.login("gone@example.com")
            let refresh = try #require(login.json["refresh_token"] as? String)
            try await api.database.query(
                "UPDATE users SET active = false WHERE email = 'gone@example.com'", logger: TestDatabase.logger)
            let refused = try await api.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token": "\#(refresh)"}"#)
            #expect(refused.status == .unauthorized && refused.errorCode == "USER_INACTIVE")
            try await api.database.query(
                "UPDATE users SET active = true WHERE email = 'gone@example.com'", logger: TestDatabase.logger)
            let revoked = try await api.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token": "\#(refresh)"}"#)
            #expect(revoked.errorCode == "TOKEN_REVOKED", "deactivation revoked the family")
        }
    }
}

/// Headers that keep secrets out of caches and content types honest; query parameters read once.
@Suite struct ResponseHygieneAPITests {
    @Test func secretsAreNeverCachedAndNothingIsSniffed() async throws {
        try await APIHarness.run { api in
            #expect(try await api.register("cache@example.com").status == .created)
            let login = try await api.login("cache@example.com")
            #expect(login.headers[.cacheControl] == "no-store")
            let refresh = try #require(login.json["refresh_token"] as? String)
            let rotated = try await api.send(.post, "/api/v1/auth/refresh", json: #"{"refresh_token": "\#(refresh)"}"#)
            #expect(rotated.status == .ok && rotated.headers[.cacheControl] == "no-store")
            let admin = try await api.account(role: "admin")
            let merchant = try await TestData.insertMerchant(api.database)
            let partner = try await api.send(
                .post, "/api/v1/admin/partners", token: admin.token,
                json: #"{"name": "Cache Co", "merchant_ids": ["\#(merchant.uuidString.lowercased())"]}"#)
            let partnerID = try #require(partner.json["id"] as? String, "\(partner.json)")
            let credential = try await api.send(
                .post, "/api/v1/admin/partners/\(partnerID)/credentials", token: admin.token)
            #expect(credential.status == .created && credential.headers[.cacheControl] == "no-store")
            for response in [
                login, try await api.send(.get, "/health/live"), try await api.send(.get, "/nowhere"),
                try await api.send(.get, "/api/v1/users/me"),
            ] {
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            }
        }
    }

    @Test func aParameterGivenTwiceIsRefused() async throws {
        try await APIHarness.run { api in
            let admin = try await api.account(role: "admin")
            let twice = try await api.send(.get, "/api/v1/offers/?limit=5&limit=500", token: admin.token)
            #expect(twice.status == .unprocessableContent && twice.errorCode == "VALIDATION_ERROR")
            let violations = twice.errorDetails["violations"] as? [[String: Any]] ?? []
            #expect(violations.first?["field"] as? String == "limit", "\(twice.json)")
            let status = try await api.send(
                .get, "/api/v1/purchases/?status=pending&status=confirmed", token: admin.token)
            #expect(status.status == .unprocessableContent)
            let payouts = try await api.send(.get, "/api/v1/admin/payouts?status=a&status=b", token: admin.token)
            #expect(
                payouts.status == .badRequest, "payout endpoints answer validation with 400, as for every other check")
            #expect(try await api.send(.get, "/api/v1/offers/?limit=5&offset=0", token: admin.token).status == .ok)
        }
    }
}

/// Per-client limits on login and sign-up, and the bounded password-hashing gate (ADR 018).
@Suite struct ClientLimitAPITests {
    @Test func oneClientSigningUpInBulkIsLimited() async throws {
        try await APIHarness.run(settings: ["REGISTRATION_RATE_LIMIT_BURST": "3"]) { api in
            for index in 0..<3 { #expect(try await api.register("bulk\(index)@example.com").status == .created) }
            let limited = try await api.register("bulk9@example.com")
            #expect(limited.status == .tooManyRequests && limited.errorCode == "RATE_LIMITED")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
        }
    }

    @Test func oneClientSprayingGuessesAtManyAddressesIsLimited() async throws {
        try await APIHarness.run(settings: [
            "LOGIN_CLIENT_RATE_LIMIT_BURST": "4", "LOGIN_CLIENT_RATE_LIMIT_PER_MINUTE": "1",
        ]) {
            api in
            #expect(try await api.register("real@example.com").status == .created)
            #expect(try await api.login("real@example.com").status == .ok, "a success costs nothing")
            for index in 0..<4 {
                #expect(try await api.login("nobody\(index)@example.com", password: "guess").status == .unauthorized)
            }
            let limited = try await api.login("nobody9@example.com", password: "guess")
            #expect(limited.status == .tooManyRequests && limited.errorCode == "RATE_LIMITED")
        }
    }
}

/// Which address the per-client limits count under.
@Suite struct ClientAddressPolicyTests {
    @Test func forwardedForCountsOnlyFromTrustedProxies() throws {
        let direct = try ClientAddressPolicy(trustedProxies: [])
        #expect(direct.clientKey(peer: "192.0.2.7", forwardedFor: ["203.0.113.1"]) == "192.0.2.7", "spoofed header")
        let proxied = try ClientAddressPolicy(trustedProxies: ["10.0.0.0/8", "127.0.0.1"])
        #expect(proxied.clientKey(peer: "10.1.2.3", forwardedFor: ["203.0.113.1, 10.9.9.9"]) == "203.0.113.1")
        #expect(
            proxied.clientKey(peer: "10.1.2.3", forwardedFor: ["198.51.100.66", "203.0.113.1"]) == "203.0.113.1",
            "the right-most untrusted hop: the client cannot choose it by prepending")
        #expect(proxied.clientKey(peer: "10.1.2.3", forwardedFor: []) == "10.1.2.3")
        #expect(proxied.clientKey(peer: "192.0.2.7", forwardedFor: ["203.0.113.1"]) == "192.0.2.7")
        #expect(proxied.clientKey(peer: nil, forwardedFor: ["203.0.113.1"]) == "unknown")
        #expect(proxied.clientKey(peer: "10.1.2.3", forwardedFor: ["203.0.113.1:5123"]) == "203.0.113.1")
        #expect(proxied.clientKey(peer: "10.1.2.3", forwardedFor: ["[2001:db8::7]:443"]) == "2001:db8:0:0::/64")
        #expect(
            proxied.clientKey(peer: "10.1.2.3", forwardedFor: ["unknown"]) == "forwarded:unknown",
            "not the proxy's own address, which every client behind it would share")
    }

    @Test func ipv6ClientsCountPerSlash64AndMappedIPv4AsIPv4() throws {
        let policy = try ClientAddressPolicy(trustedProxies: ["::1"])
        #expect(policy.clientKey(peer: "2001:db8:1:2:aaaa::1", forwardedFor: []) == "2001:db8:1:2::/64")
        #expect(policy.clientKey(peer: "2001:db8:1:2:bbbb::9", forwardedFor: []) == "2001:db8:1:2::/64")
        #expect(policy.clientKey(peer: "::ffff:192.0.2.7", forwardedFor: []) == "192.0.2.7")
        #expect(policy.clientKey(peer: "::1", forwardedFor: ["2001:db8::5"]) == "2001:db8:0:0::/64")
    }

    @Test func refusesEntriesThatAreNotAddresses() {
        #expect(throws: ClientAddressPolicy.InvalidProxy(entry: "proxy.internal")) {
            try ClientAddressPolicy(trustedProxies: ["proxy.internal"])
        }
        #expect(throws: ClientAddressPolicy.InvalidProxy.self) {
            try ClientAddressPolicy(trustedProxies: ["10.0.0.0/33"])
        }
    }
}
