import Foundation
import TestSupport
import Testing

/// The logs of a whole run (API and worker, info level) never carry a password, a token, the signing key or a
/// card-like number that went through the system.
@Suite(.serialized) struct SecretsInLogsTests {
    @Test func aFullRunLogsNoSecret() async throws {
        try await RunningSystem.with { system in
            let worker = try await system.startWorker()
            let password = "Sup3r-Secret-\(UUID().uuidString.prefix(8))!"
            let email = "secret-\(UUID().uuidString.prefix(8))@example.com"
            let card = "4111 1111 1111 1111"
            let registered = try await HTTPCall.send(
                "POST", "\(system.base)/api/v1/users/", json: #"{"email": "\#(email)", "password": "\#(password)"}"#)
            #expect(registered.status == 201)
            let login = try await HTTPCall.send(
                "POST", "\(system.base)/api/v1/auth/login", json: #"{"email": "\#(email)", "password": "\#(password)"}"#
            )
            let access = try #require(login.json["access_token"] as? String)
            let refresh = try #require(login.json["refresh_token"] as? String)
            let wrong = try await HTTPCall.send(
                "POST", "\(system.base)/api/v1/auth/login",
                json: #"{"email": "\#(email)", "password": "x\#(password)"}"#)
            #expect(wrong.status == 401)
            let rotated = try await HTTPCall.send(
                "POST", "\(system.base)/api/v1/auth/refresh", json: #"{"refresh_token": "\#(refresh)"}"#)
            #expect(rotated.status == 200)
            #expect(try await system.ingest("secrets-1").status == 201)
            let payout = try await HTTPCall.send(
                "POST", "\(system.base)/api/v1/users/me/payouts", token: access,
                json: #"{"amount": "10.00", "method": "card", "details": {"card_token": "\#(card)"}}"#)
            #expect((400..<500).contains(payout.status), "a card number is refused: \(payout.body)")
            let unauthorized = try await HTTPCall.send("GET", "\(system.base)/api/v1/users/me", token: access + "x")
            #expect(unauthorized.status == 401)
            // The last request's access-log line is written after its answer: wait for it, then read everything.
            let logged = ContinuousClock.now + .seconds(30)
            while !(system.api?.logLines ?? []).contains(where: {
                $0.contains(#""status":"401""#) && $0.contains("/users/me")
            }),
                ContinuousClock.now < logged
            {
                try await Task.sleep(for: .milliseconds(50))
            }
            let logs = ((system.api?.logLines ?? []) + worker.logLines).joined(separator: "\n")
            #expect(logs.contains(#""msg":"request""#), "the access log was captured")
            #expect(logs.contains(#""user_id":"\#(system.userID)""#), "access log lines name the authenticated caller")
            let secrets = [
                password, access, refresh, (rotated.json["access_token"] as? String) ?? "-", RunningSystem.secret,
                card, card.replacingOccurrences(of: " ", with: ""), system.userToken,
                system.sandbox?.workerEnvironment["BANK_TOKEN"] ?? "-",
                system.sandbox?.workerEnvironment["RAIL_TOKEN"] ?? "-",
            ]
            for secret in secrets {
                #expect(!logs.contains(secret), "a secret reached the logs: \(secret.prefix(12))…")
            }
            // Nor any part of a token long enough to be replayed (its signature).
            for token in [access, refresh] {
                let signature = String(token.split(separator: ".").last ?? "")
                #expect(signature.isEmpty || !logs.contains(signature))
            }
        }
    }
}
