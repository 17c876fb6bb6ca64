import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// Partners ingest for their merchants with a bearer key or a signed request (ADR 015).
@Suite struct PartnerAPITests {
    struct Setup {
        let admin: String
        let partnerID: String
        let keyID: String
        let secret: String
        let shop: String
        let otherShop: String
        let user: UUID
    }

    func setUp(_ api: APIHarness) async throws -> Setup {
        let admin = try await api.account(role: "admin")
        let user = try await api.account()
        let shop = try await api.shopWithOffer(cap: "100000")
        let otherShop = try await api.shopWithOffer()
        let created = try await api.send(
            .post, "/api/v1/admin/partners", token: admin.token,
            json: #"{"name": "Checkout Co \#(UUID().uuidString.prefix(6))", "merchant_ids": ["\#(shop)"]}"#)
        #expect(created.status == .created, "\(String(buffer: created.body))")
        let partnerID = try #require(created.json["id"] as? String)
        let issued = try await api.send(.post, "/api/v1/admin/partners/\(partnerID)/credentials", token: admin.token)
        #expect(issued.status == .created)
        return Setup(
            admin: admin.token, partnerID: partnerID, keyID: try #require(issued.json["key_id"] as? String),
            secret: try #require(issued.json["secret"] as? String), shop: shop, otherShop: otherShop, user: user.id)
    }

    func body(_ setup: Setup, _ externalID: String, merchant: String? = nil, amount: String = "\"100.00\"") -> String {
        #"{"external_id": "\#(externalID)", "user_id": "\#(setup.user.uuidString)", "merchant_id": "\#(merchant ?? setup.shop)", "amount": \#(amount), "currency": "EUR"}"#
    }

    func signed(
        _ api: APIHarness, _ setup: Setup, _ json: String, timestamp: Int = Int(Date().timeIntervalSince1970),
        signing: String? = nil, secret: String? = nil, upperCaseSignature: Bool = false
    ) async throws -> TestResponse {
        let message = Data("\(timestamp).\(signing ?? json)".utf8)
        let mac = HMAC<SHA256>.authenticationCode(
            for: message, using: SymmetricKey(data: Data((secret ?? setup.secret).utf8)))
        let hex = mac.map { String(format: upperCaseSignature ? "%02X" : "%02x", $0) }.joined()
        return try await api.client.execute(
            uri: "/api/v1/purchases/", method: .post,
            headers: [
                .contentType: "application/json", HTTPField.Name("X-Partner-Key")!: setup.keyID,
                HTTPField.Name("X-Partner-Timestamp")!: "\(timestamp)",
                HTTPField.Name("X-Partner-Signature")!: "sha256=\(hex)",
            ], body: ByteBuffer(string: json))
    }

    @Test func bearerKeysIngestForAnyUserButOnlyForThePartnersMerchants() async throws {
        try await APIHarness.run { api in
            let setup = try await setUp(api)
            let bearer = "\(setup.keyID).\(setup.secret)"
            let created = try await api.send(.post, "/api/v1/purchases/", token: bearer, json: body(setup, "p-1"))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            let elsewhere = try await api.send(
                .post, "/api/v1/purchases/", token: bearer, json: body(setup, "p-2", merchant: setup.otherShop))
            #expect(elsewhere.status == .forbidden && elsewhere.errorCode == "FORBIDDEN")
            let wrong = try await api.send(
                .post, "/api/v1/purchases/", token: "\(setup.keyID).not-the-secret", json: body(setup, "p-3"))
            #expect(wrong.status == .unauthorized && wrong.errorCode == "INVALID_PARTNER_CREDENTIALS")
            let userRoute = try await api.send(.get, "/api/v1/users/me", token: bearer)
            #expect(userRoute.status == .forbidden, "a partner key is not a user")
            #expect(
                try await TestData.count(
                    api.database, "audit_logs", where: "actor_type = 'partner' AND action = 'PURCHASE_INGESTED'")
                    == 1)
            let listed = try await api.send(
                .get, "/api/v1/admin/partners/\(setup.partnerID)/credentials", token: setup.admin)
            #expect(listed.status == .ok && !String(buffer: listed.body).contains(setup.secret))
            #expect(!String(buffer: listed.body).contains("\"secret\""))
            let dump = try await TestData.count(
                api.database, "partner_credentials",
                where: "position('\(setup.secret)' in encode(secret_ciphertext, 'escape')) > 0")
            #expect(dump == 0, "the secret is not stored in clear")
        }
    }

    @Test func aSignatureAcceptedByOneInstanceIsRefusedByAnother() async throws {
        try await APIHarness.run { api in
            let setup = try await setUp(api)
            let json = body(setup, "x-1")
            let now = Int(Date().timeIntervalSince1970)
            #expect(try await signed(api, setup, json, timestamp: now).status == .created)
            try await api.otherInstance { other in
                let replay = try await signed(other, setup, json, timestamp: now)
                #expect(replay.status == .unauthorized && replay.errorCode == "SIGNATURE_REPLAYED")
                #expect(try await signed(other, setup, body(setup, "x-2"), timestamp: now).status == .created)
            }
            #expect(try await TestData.count(api.database, "purchases") == 2)
        }
    }

    @Test func thePartnerLimitCountsTheRequestsOfEveryInstance() async throws {
        let limits = ["PARTNER_RATE_LIMIT_BURST": "2", "PARTNER_RATE_LIMIT_PER_SECOND": "1"]
        try await APIHarness.run(settings: limits) { api in
            let setup = try await setUp(api)
            let bearer = "\(setup.keyID).\(setup.secret)"
            try await api.otherInstance(settings: limits) { other in
                let started = ContinuousClock.now
                var statuses: [HTTPResponse.Status] = []
                for request in 0..<6 {
                    let instance = request.isMultiple(of: 2) ? api : other
                    let answer = try await instance.send(
                        .post, "/api/v1/purchases/", token: bearer, json: body(setup, "l-\(request)"))
                    statuses.append(answer.status)
                }
                let seconds = (ContinuousClock.now - started) / .seconds(1)
                let created = statuses.filter { $0 == .created }.count
                // Two at once, then one a second, whichever instance answers. Two limits of their own would let
                // four through in the first second; a slow run only loosens the bound.
                #expect(created >= 2 && Double(created) <= 2 + seconds.rounded(.up), "\(statuses) in \(seconds) s")
                #expect(statuses.allSatisfy { $0 == .created || $0 == .tooManyRequests }, "\(statuses)")
            }
        }
    }

    @Test func signaturesAreCheckedForBodyTimeAndReplay() async throws {
        try await APIHarness.run { api in
            let setup = try await setUp(api)
            let json = body(setup, "s-1")
            let now = Int(Date().timeIntervalSince1970)
            #expect(try await signed(api, setup, json, timestamp: now).status == .created)
            let replay = try await signed(api, setup, json, timestamp: now)
            #expect(replay.status == .unauthorized && replay.errorCode == "SIGNATURE_REPLAYED")
            let shouted = try await signed(api, setup, json, timestamp: now, upperCaseSignature: true)
            #expect(shouted.errorCode == "SIGNATURE_REPLAYED", "another letter case is the same signature")
            let tampered = try await signed(
                api, setup, body(setup, "s-2", amount: "\"999.00\""), signing: body(setup, "s-2"))
            #expect(tampered.status == .unauthorized && tampered.errorCode == "INVALID_PARTNER_CREDENTIALS")
            let expired = try await signed(api, setup, body(setup, "s-3"), timestamp: now - 400)
            #expect(expired.status == .unauthorized && expired.errorCode == "SIGNATURE_EXPIRED")
            let future = try await signed(api, setup, body(setup, "s-4"), timestamp: now + 400)
            #expect(future.errorCode == "SIGNATURE_EXPIRED")
            let wrongKey = try await signed(api, setup, body(setup, "s-5"), secret: "guess")
            #expect(wrongKey.status == .unauthorized)
            #expect(try await TestData.count(api.database, "purchases") == 1)
        }
    }

    @Test func rotationKeepsTheOldKeyForTheOverlapAndRevocationEndsItAtOnce() async throws {
        try await APIHarness.run(settings: ["PARTNER_ROTATION_OVERLAP_SECONDS": "600"]) { api in
            let setup = try await setUp(api)
            let old = "\(setup.keyID).\(setup.secret)"
            let rotated = try await api.send(
                .post, "/api/v1/admin/partners/\(setup.partnerID)/credentials/\(setup.keyID)/rotation",
                token: setup.admin)
            #expect(rotated.status == .created)
            let new = "\(rotated.json["key_id"] as? String ?? "").\(rotated.json["secret"] as? String ?? "")"
            let again = try await api.send(
                .post, "/api/v1/admin/partners/\(setup.partnerID)/credentials/\(setup.keyID)/rotation",
                token: setup.admin)
            #expect(again.status == .notFound, "a rotated key cannot be rotated again to extend its life")
            #expect(
                try await api.send(.post, "/api/v1/purchases/", token: old, json: body(setup, "r-1")).status == .created
            )
            #expect(
                try await api.send(.post, "/api/v1/purchases/", token: new, json: body(setup, "r-2")).status == .created
            )
            // The overlap is the setting's 600 s from the rotation; end it now instead of waiting for it (a short
            // overlap would make the test race the clock on a loaded machine).
            #expect(
                try await TestData.count(
                    api.database, "partner_credentials",
                    where:
                        "key_id = '\(setup.keyID)' AND expires_at BETWEEN now() + interval '500 seconds' AND now() + interval '600 seconds'"
                ) == 1)
            try await api.database.query(
                "UPDATE partner_credentials SET expires_at = now() - interval '1 second' WHERE key_id = \(setup.keyID)",
                logger: TestDatabase.logger)
            #expect(
                try await api.send(.post, "/api/v1/purchases/", token: old, json: body(setup, "r-3")).status
                    == .unauthorized, "the overlap is over")
            let revoked = try await api.send(
                .delete,
                "/api/v1/admin/partners/\(setup.partnerID)/credentials/\(rotated.json["key_id"] as? String ?? "")",
                token: setup.admin)
            #expect(revoked.status == .noContent)
            #expect(
                try await api.send(.post, "/api/v1/purchases/", token: new, json: body(setup, "r-4")).status
                    == .unauthorized, "revocation is immediate")
        }
    }

    /// ADR 040: an external id is unique within its partner, and among users; not across them.
    @Test func eachPartnerHasItsOwnExternalIDs() async throws {
        try await APIHarness.run { api in
            let setup = try await setUp(api)
            let first = "\(setup.keyID).\(setup.secret)"
            let created = try await api.send(
                .post, "/api/v1/admin/partners", token: setup.admin,
                json: #"{"name": "Second Co \#(UUID().uuidString.prefix(6))", "merchant_ids": ["\#(setup.shop)"]}"#)
            let secondID = try #require(created.json["id"] as? String)
            let issued = try await api.send(
                .post, "/api/v1/admin/partners/\(secondID)/credentials", token: setup.admin)
            let second =
                "\(try #require(issued.json["key_id"] as? String)).\(try #require(issued.json["secret"] as? String))"

            func ingest(_ token: String, _ json: String) async throws -> TestResponse {
                try await api.send(.post, "/api/v1/purchases/", token: token, json: json)
            }
            #expect(try await ingest(first, body(setup, "order-1")).status == .created)
            let secondsOwn = try await ingest(second, body(setup, "order-1", amount: "\"42.50\""))
            #expect(secondsOwn.status == .created, "another partner's id is not a duplicate")
            let retry = try await ingest(second, body(setup, "order-1", amount: "\"42.50\""))
            #expect(retry.status == .conflict && retry.errorCode == "DUPLICATE_PURCHASE")
            let previous = (retry.json["error"] as? [String: Any])?["details"] as? [String: Any]
            #expect(previous?["previously_processed_amount"] as? String == "42.50", "the 409 shows its own purchase")

            let batch = try await api.send(
                .post, "/api/v1/purchases/batch", token: second,
                json: #"{"purchases": [\#(body(setup, "order-1")), \#(body(setup, "order-2"))]}"#)
            let results = try #require(batch.json["results"] as? [[String: Any]])
            #expect(results.map { $0["status"] as? Int } == [409, 201])
            let firstBatch = try await api.send(
                .post, "/api/v1/purchases/batch", token: first, json: #"{"purchases": [\#(body(setup, "order-2"))]}"#)
            #expect(
                (firstBatch.json["results"] as? [[String: Any]])?.first?["status"] as? Int == 201,
                "a batch looks in its partner's namespace only")

            let user = try await api.account()
            let own =
                #"{"external_id": "order-1", "user_id": "\#(user.id.uuidString)", "merchant_id": "\#(setup.shop)", "amount": "10.00", "currency": "EUR"}"#
            #expect(try await ingest(user.token, own).status == .created, "users have a namespace of their own")
            let other = try await api.account()
            let othersCopy =
                #"{"external_id": "order-1", "user_id": "\#(other.id.uuidString)", "merchant_id": "\#(setup.shop)", "amount": "10.00", "currency": "EUR"}"#
            #expect(try await ingest(other.token, othersCopy).status == .conflict, "shared by every user")
            #expect(try await TestData.count(api.database, "purchases", where: "external_id = 'order-1'") == 3)
            #expect(try await TestData.count(api.database, "purchases", where: "external_id = 'order-2'") == 2)
        }
    }

    @Test func aBatchAnswersEachItemOnItsOwn() async throws {
        try await APIHarness.run { api in
            let setup = try await setUp(api)
            let bearer = "\(setup.keyID).\(setup.secret)"
            #expect(
                try await api.send(.post, "/api/v1/purchases/", token: bearer, json: body(setup, "dup")).status
                    == .created)
            let items = [
                body(setup, "b-ok-1"), body(setup, "b-bad", amount: "-1"), body(setup, "dup"),
                body(setup, "b-other", merchant: setup.otherShop), body(setup, "b-ok-2"), "42",
            ]
            let answer = try await api.send(
                .post, "/api/v1/purchases/batch", token: bearer,
                json: #"{"purchases": [\#(items.joined(separator: ","))]}"#)
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            let results = try #require(answer.json["results"] as? [[String: Any]])
            #expect(results.map { $0["status"] as? Int } == [201, 422, 409, 403, 201, 422])
            #expect(results.map { $0["index"] as? Int } == Array(0..<6))
            #expect(answer.json["created"] as? Int == 2 && answer.json["failed"] as? Int == 4)
            #expect(((results[2]["error"] as? [String: Any])?["code"] as? String) == "DUPLICATE_PURCHASE")
            #expect(try await TestData.count(api.database, "purchases") == 3)
            let user = try await api.account()
            let userBatch = try await api.send(
                .post, "/api/v1/purchases/batch", token: user.token, json: #"{"purchases": [\#(body(setup, "u-1"))]}"#)
            #expect(userBatch.status == .forbidden, "batches are for partners")
            let tooMany = try await api.send(
                .post, "/api/v1/purchases/batch", token: bearer,
                json: #"{"purchases": [\#(Array(repeating: body(setup, "x"), count: 501).joined(separator: ","))]}"#)
            #expect(tooMany.status == .unprocessableContent)
        }
    }
}
