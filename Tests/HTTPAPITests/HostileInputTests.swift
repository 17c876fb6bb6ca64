import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import TestSupport
import Testing

/// Hostile and malformed input gets a clear 4xx in the error envelope, never a 500, and writes nothing.
@Suite struct HostileInputTests {
    @Test func malformedBodiesAreRefusedWithTheirReason() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let shop = try await api.shopWithOffer()
            func post(_ body: ByteBuffer) async throws -> TestResponse {
                try await api.client.execute(
                    uri: "/api/v1/purchases/", method: .post,
                    headers: [.authorization: "Bearer \(user.token)", .contentType: "application/json"], body: body)
            }
            let oversized = try await post(ByteBuffer(repeating: UInt8(ascii: " "), count: 2 * 1024 * 1024))
            #expect(oversized.status == .contentTooLarge && oversized.errorCode == "PAYLOAD_TOO_LARGE")
            let deep = try await post(
                ByteBuffer(string: String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)))
            #expect(deep.status == .unprocessableContent && deep.errorCode == "VALIDATION_ERROR")
            let invalidUTF8 = try await post(
                ByteBuffer(bytes: Array(#"{"external_id": ""#.utf8) + [0xC3, 0x28, 0x22, 0x7D]))
            #expect(invalidUTF8.status == .unprocessableContent && invalidUTF8.errorCode == "VALIDATION_ERROR")
            let nul = try await api.ingest(user.token, user: user.id, merchant: shop, externalID: #"a\u0000b"#)
            #expect(nul.status == .unprocessableContent && nul.errorCode == "VALIDATION_ERROR")
            let violation = (nul.errorDetails["violations"] as? [[String: Any]])?.first
            #expect(violation?["field"] as? String == "external_id", "\(nul.json)")
            let huge = try await api.ingest(user.token, user: user.id, merchant: shop, amount: "1e400")
            #expect(huge.status == .unprocessableContent)
            let tooLong = try await api.ingest(
                user.token, user: user.id, merchant: shop, externalID: String(repeating: "x", count: 5000))
            #expect(tooLong.status == .unprocessableContent && tooLong.errorCode == "VALIDATION_ERROR")
            for amount in ["0", "-0.01", "0.001", "\"12.345\"", "\"NaN\"", "\"Infinity\"", "true", "[1]", "{}"] {
                let refused = try await api.ingest(user.token, user: user.id, merchant: shop, amount: amount)
                #expect(refused.status == .unprocessableContent, "amount \(amount): \(refused.status)")
            }
            for (body, reason) in [
                ("[1, 2]", "Input should be a valid dictionary or object to extract fields from"),
                (#""just text""#, "Input should be a valid dictionary or object to extract fields from"),
                (#"{"external_id": "#, "JSON decode error"),
            ] {
                let refused = try await api.send(.post, "/api/v1/purchases/", token: user.token, json: body)
                let violation = (refused.errorDetails["violations"] as? [[String: Any]])?.first
                #expect(refused.status == .unprocessableContent && refused.errorCode == "VALIDATION_ERROR")
                #expect(
                    violation?["field"] as? String == "body" && violation?["reason"] as? String == reason, "\(body)")
            }
            let nestedNUL = try await api.send(
                .post, "/api/v1/users/me/payouts", token: user.token,
                json: #"{"amount": "10.00", "method": "card", "details": {"card_token": "a\u0000b"}}"#)
            #expect(nestedNUL.status == .badRequest && nestedNUL.errorCode == "VALIDATION_ERROR", "\(nestedNUL.status)")
            #expect(try await TestData.count(api.database, "purchases") == 0)
            #expect(try await TestData.count(api.database, "payouts") == 0)
        }
    }

    @Test func sqlLookingTextIsStoredAsTextAndUnicodeSurvives() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let shop = try await api.shopWithOffer()
            for externalID in [#"'; DROP TABLE purchases; --"#, #"x' OR '1'='1"#, "Ωmega-☃-🚀", #"\"quoted\" \\ back"#] {
                let created = try await api.ingest(user.token, user: user.id, merchant: shop, externalID: externalID)
                #expect(created.status == .created, "\(externalID): \(String(buffer: created.body))")
                let sent = try JSONDecoder().decode(String.self, from: Data("\"\(externalID)\"".utf8))
                let rows = try await api.database.query(
                    "SELECT count(*) FROM purchases WHERE external_id = \(sent)", logger: TestDatabase.logger)
                for try await count in rows.decode(Int.self) { #expect(count == 1, "stored verbatim: \(sent)") }
            }
            #expect(try await TestData.count(api.database, "purchases") == 4)
        }
    }

    @Test func encodedNULInTheURLIsABadRequestAndInjectedHeadersAreNotEchoed() async throws {
        try await APIHarness.run { api in
            let admin = try await api.account(role: "admin")
            for uri in [
                "/api/v1/feature-flags/a%00b/evaluate", "/api/v1/feature-flags?key=%00",
                "/api/v1/purchases/?user_id=%00",
                "/api/v1/offers/%00",
            ] {
                let answer = try await api.send(.get, uri, token: admin.token)
                #expect(answer.status == .badRequest && answer.errorCode == "BAD_REQUEST", "\(uri): \(answer.status)")
            }
            let injected = try await api.send(
                .get, "/health/live", headers: [HTTPField.Name("X-Request-ID")!: "abc<script>alert(1)</script>"])
            let echoed = injected.headers[HTTPField.Name("X-Request-ID")!] ?? ""
            #expect(!echoed.contains("<") && !echoed.isEmpty)
        }
    }
}
