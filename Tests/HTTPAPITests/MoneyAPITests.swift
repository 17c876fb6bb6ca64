import Domain
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import TestSupport
import Testing

extension APIHarness {
    /// A merchant with a 5 % offer valid today (cap 50); returns the merchant id.
    func shopWithOffer(fixed: String? = nil, cap: String = "50") async throws -> String {
        let merchant = try await TestData.insertMerchant(database)
        let percentage = fixed == nil ? "5" : "0"
        try await database.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO offers (id, merchant_id, percentage, fixed_amount, start_date, end_date, monthly_cap_per_user)
                    VALUES (gen_random_uuid(), '\(merchant)', \(percentage), \(fixed ?? "NULL"), '2020-01-01', '2099-12-31', \(cap))
                    """), logger: TestDatabase.logger)
        return merchant.uuidString.lowercased()
    }

    func ingest(
        _ token: String, user: UUID, merchant: String, externalID: String = UUID().uuidString,
        amount: String = "\"100.00\"",
        currency: String = "EUR"
    ) async throws -> TestResponse {
        try await send(
            .post, "/api/v1/purchases/", token: token,
            json:
                #"{"external_id": "\#(externalID)", "user_id": "\#(user.uuidString)", "merchant_id": "\#(merchant)", "amount": \#(amount), "currency": "\#(currency)"}"#
        )
    }
}

@Suite struct PurchaseAPITests {
    @Test func ingestionCreditsPendingAndIsIdempotent() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let shop = try await api.shopWithOffer()
            let created = try await api.ingest(user.token, user: user.id, merchant: shop, externalID: "txn_1")
            #expect(created.status == .created)
            #expect(
                created.json["status"] as? String == "pending" && created.json["cashback_amount"] as? String == "5.00")
            #expect(created.json["cap_applied"] as? Bool == false)
            let wallet = try await api.send(.get, "/api/v1/users/me/wallet", token: user.token)
            #expect(
                wallet.json["pending_balance"] as? String == "5.00"
                    && wallet.json["available_balance"] as? String == "0.00")
            let duplicate = try await api.ingest(
                user.token, user: user.id, merchant: shop, externalID: "txn_1", amount: "5")
            #expect(duplicate.status == .conflict && duplicate.errorCode == "DUPLICATE_PURCHASE")
            #expect(duplicate.errorDetails["previously_processed_amount"] as? String == "100.00")
            let transactions = try await api.send(.get, "/api/v1/users/me/wallet/transactions", token: user.token)
            let item = try #require((transactions.json["data"] as? [[String: Any]])?.first)
            #expect(item["type"] as? String == "cashback_credit" && item["status"] as? String == "pending")
            #expect(item["related_purchase_id"] as? String == created.json["id"] as? String)
        }
    }

    /// The ingest route reads the caller's account in the ingestion's own statement (ADR 041): a deactivation
    /// still counts from the next request, before anything else the database decides, and writes nothing.
    @Test func ingestionChecksTheCallersAccountInItsOwnRead() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let shop = try await api.shopWithOffer()
            #expect(
                try await api.ingest(user.token, user: user.id, merchant: shop, externalID: "before").status == .created
            )
            try await api.database.query(
                "UPDATE users SET active = false WHERE id = \(user.id)", logger: TestDatabase.logger)
            let together = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await api.ingest(user.token, user: user.id, merchant: shop, externalID: "x-\(index)")
                    }
                }
                group.addTask { try await api.ingest(user.token, user: user.id, merchant: shop, externalID: "before") }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for refused in together {
                #expect(refused.status == .unauthorized && refused.errorCode == "USER_INACTIVE")
                #expect(refused.errorDetails["user_id"] as? String == user.id.uuidString.lowercased())
            }
            let written = try await api.database.query(
                "SELECT count(*)::int FROM purchases WHERE user_id = \(user.id)", logger: TestDatabase.logger)
            #expect(try await written.collect().first?.decode(Int.self) == 1)
            // The body is validated before the account is read: a malformed one is a 422 even from a
            // deactivated account (on every other route, the account comes first).
            let malformed = try await api.ingest(user.token, user: user.id, merchant: shop, amount: "0")
            #expect(malformed.status == .unprocessableContent && malformed.errorCode == "VALIDATION_ERROR")
            try await api.database.query(
                "UPDATE users SET active = true WHERE id = \(user.id)", logger: TestDatabase.logger)
            #expect(
                try await api.ingest(user.token, user: user.id, merchant: shop, externalID: "after").status == .created)
            let nobody = User(
                id: .random(), email: EmailAddress(trusted: "nobody@example.com"), passwordHash: "", role: .user,
                active: true, createdAt: Date())
            let orphan = try await api.tokens.issueTokens(for: nobody, familyID: UUID(), at: Date()).accessToken
            let unknown = try await api.ingest(orphan, user: nobody.id.uuid, merchant: shop)
            #expect(unknown.status == .unauthorized && unknown.errorCode == "INVALID_TOKEN")
        }
    }

    @Test func everyIngestionRefusalHasItsCode() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let other = try await api.account()
            let shop = try await api.shopWithOffer()
            let sleeping = try await TestData.insertMerchant(api.database, active: false).uuidString
            let bare = try await TestData.insertMerchant(api.database).uuidString
            func check(_ response: TestResponse, _ status: HTTPResponse.Status, _ code: String) {
                #expect(response.status == status && response.errorCode == code, "\(String(buffer: response.body))")
            }
            check(try await api.ingest(user.token, user: other.id, merchant: shop), .forbidden, "FORBIDDEN")
            check(
                try await api.ingest(user.token, user: user.id, merchant: shop, currency: "USD"), .unprocessableContent,
                "UNSUPPORTED_CURRENCY")
            check(
                try await api.ingest(user.token, user: user.id, merchant: shop, currency: "EURO"),
                .unprocessableContent, "VALIDATION_ERROR")
            check(
                try await api.ingest(user.token, user: user.id, merchant: shop, amount: "\"100.001\""),
                .unprocessableContent, "VALIDATION_ERROR")
            check(
                try await api.ingest(user.token, user: user.id, merchant: shop, amount: "100.001"),
                .unprocessableContent, "VALIDATION_ERROR")
            check(
                try await api.ingest(user.token, user: user.id, merchant: shop, amount: "0"), .unprocessableContent,
                "VALIDATION_ERROR")
            check(
                try await api.ingest(user.token, user: user.id, merchant: shop, amount: "-5"), .unprocessableContent,
                "VALIDATION_ERROR")
            check(
                try await api.ingest(user.token, user: user.id, merchant: shop, amount: "1e30"), .unprocessableContent,
                "VALIDATION_ERROR")
            check(
                try await api.ingest(user.token, user: user.id, merchant: shop, amount: "\"DROP TABLE\""),
                .unprocessableContent, "VALIDATION_ERROR")
            check(
                try await api.ingest(user.token, user: user.id, merchant: sleeping), .unprocessableContent,
                "MERCHANT_NOT_ELIGIBLE")
            check(
                try await api.ingest(user.token, user: user.id, merchant: UUID().uuidString), .unprocessableContent,
                "MERCHANT_NOT_ELIGIBLE")
            check(
                try await api.ingest(user.token, user: user.id, merchant: bare), .unprocessableContent,
                "OFFER_NOT_AVAILABLE")
            let missing = try await api.send(.post, "/api/v1/purchases/", token: user.token, json: "{}")
            #expect((missing.errorDetails["violations"] as? [Any])?.count == 5)
            #expect(try await api.send(.post, "/api/v1/purchases/", json: "{}").status == .unauthorized)
            #expect(try await TestData.count(api.database, "purchases") == 0)
            #expect(try await TestData.count(api.database, "wallet_ledger") == 0)
        }
    }

    @Test func purchaseQueriesRespectOwnership() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let admin = try await api.account(role: "admin")
            let shop = try await api.shopWithOffer()
            let created = try await api.ingest(user.token, user: user.id, merchant: shop)
            let id = try #require(created.json["id"] as? String)
            let details = try await api.send(.get, "/api/v1/purchases/\(id)", token: user.token)
            #expect(
                details.json["amount"] as? String == "100.00" && details.json["cashback_status"] as? String == "pending"
            )
            #expect((details.json["created_at"] as? String)?.hasSuffix("Z") == false)
            let stored = try await api.database.query(
                """
                SELECT rtrim(rtrim(to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '0'), '.')
                FROM purchases WHERE id = \(UUID(uuidString: id))
                """, logger: TestDatabase.logger
            ).collect().first?.decode(String.self)
            let written = try #require(details.json["created_at"] as? String)
            #expect(stored.map { written.hasPrefix($0) } == true, "\(written) against the stored \(stored ?? "")")
            let hidden = try await api.send(.get, "/api/v1/purchases/\(id)", token: admin.token)
            #expect(hidden.status == .forbidden && hidden.errorCode == "FORBIDDEN")
            #expect(
                hidden.errorDetails["resource_owner"] == nil
                    && !String(buffer: hidden.body).contains(user.id.uuidString.lowercased()),
                "the answer names no one")
            #expect(try await api.send(.get, "/api/v1/purchases/\(UUID())", token: user.token).status == .notFound)
            let mine = try await api.send(.get, "/api/v1/users/me/purchases?status=pending", token: user.token)
            #expect((mine.json["pagination"] as? [String: Int]) == ["offset": 0, "limit": 10, "total": 1])
            let badStatus = try await api.send(.get, "/api/v1/users/me/purchases?status=foo", token: user.token)
            #expect(badStatus.status == .unprocessableContent && badStatus.errorCode == "INVALID_PURCHASE_STATUS")
            let all = try await api.send(
                .get, "/api/v1/purchases/?user_id=\(user.id.uuidString.lowercased())&start_date=2020-01-01",
                token: admin.token)
            let row = try #require((all.json["data"] as? [[String: Any]])?.first)
            #expect(row["external_id"] != nil && row["cashback_amount"] == nil)
            let otherShop = try await api.send(.get, "/api/v1/purchases/?merchant_id=\(UUID())", token: admin.token)
            #expect((otherShop.json["pagination"] as? [String: Int])?["total"] == 0)
            let malformed = try await api.send(.get, "/api/v1/purchases/?user_id=not-a-uuid", token: admin.token)
            #expect(malformed.status == .unprocessableContent && malformed.errorCode == "VALIDATION_ERROR")
            #expect(try await api.send(.get, "/api/v1/purchases/", token: user.token).status == .forbidden)
        }
    }

    @Test func adminConfirmsAndReversesWithTheSpecCodes() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let admin = try await api.account(role: "admin")
            let shop = try await api.shopWithOffer()
            let id = try #require(try await api.ingest(user.token, user: user.id, merchant: shop).json["id"] as? String)
            let confirmed = try await api.send(.post, "/api/v1/purchases/\(id)/confirmation", token: admin.token)
            #expect(
                confirmed.json["status"] as? String == "confirmed"
                    && confirmed.json["cashback_amount"] as? String == "5.00")
            let again = try await api.send(.post, "/api/v1/purchases/\(id)/confirmation", token: admin.token)
            #expect(again.status == .badRequest && again.errorCode == "PURCHASE_NOT_PENDING")
            let reversed = try await api.send(.patch, "/api/v1/purchases/\(id)/reverse", token: admin.token)
            #expect(
                reversed.json["status"] as? String == "reversed"
                    && reversed.json["cashback_amount"] as? String == "0.00")
            let twice = try await api.send(.patch, "/api/v1/purchases/\(id)/reverse", token: admin.token)
            #expect(twice.errorCode == "PURCHASE_ALREADY_REVERSED")
            #expect(
                try await api.send(.patch, "/api/v1/purchases/\(UUID())/reverse", token: admin.token).status
                    == .notFound)
            #expect(
                try await api.send(.patch, "/api/v1/purchases/\(id)/reverse", token: user.token).status == .forbidden)
            let wallet = try await api.send(.get, "/api/v1/users/me/wallet", token: user.token)
            #expect(
                wallet.json["pending_balance"] as? String == "0.00"
                    && wallet.json["available_balance"] as? String == "0.00")
            let ledger = try await api.send(
                .get, "/api/v1/admin/wallets/\(user.id.uuidString.lowercased())/ledger", token: admin.token)
            #expect((ledger.json["pagination"] as? [String: Int])?["total"] == 4)
        }
    }

    @Test func floodsAreRateLimitedPerCaller() async throws {
        try await APIHarness.run(settings: ["INGEST_RATE_LIMIT_BURST": "3", "INGEST_RATE_LIMIT_PER_SECOND": "0.01"]) {
            api in
            let user = try await api.account()
            let other = try await api.account()
            let shop = try await api.shopWithOffer()
            for _ in 0..<3 {
                #expect(try await api.ingest(user.token, user: user.id, merchant: shop).status == .created)
            }
            let limited = try await api.ingest(user.token, user: user.id, merchant: shop)
            #expect(limited.status == .tooManyRequests && limited.errorCode == "RATE_LIMITED")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try await api.ingest(other.token, user: other.id, merchant: shop).status == .created)
        }
    }

    @Test func aNewUsersWalletIsZeroStrings() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let wallet = try await api.send(.get, "/api/v1/users/me/wallet", token: user.token)
            #expect(
                wallet.json as? [String: String] == [
                    "pending_balance": "0", "available_balance": "0", "paid_balance": "0", "owed_balance": "0",
                ])
        }
    }
}

@Suite struct PayoutAPITests {
    /// A user with 30.00 available.
    func fundedUser(_ api: APIHarness) async throws -> (id: UUID, token: String, admin: String) {
        let user = try await api.account()
        let admin = try await api.account(role: "admin")
        let shop = try await api.shopWithOffer(fixed: "30.00")
        let id = try #require(try await api.ingest(user.token, user: user.id, merchant: shop).json["id"] as? String)
        _ = try await api.send(.post, "/api/v1/purchases/\(id)/confirmation", token: admin.token)
        return (user.id, user.token, admin.token)
    }

    let iban = #""details": {"iban": "ES9121000418450200051332", "account_holder": "Alice"}"#

    @Test func requestListAndProcessPayouts() async throws {
        try await APIHarness.run { api in
            let user = try await fundedUser(api)
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "k-1"]
            let requested = try await api.send(
                .post, "/api/v1/users/payouts", token: user.token,
                json: #"{"amount": "20.00", "method": "bank_transfer", \#(iban)}"#, headers: key)
            #expect(requested.status == .created && requested.json["status"] as? String == "requested")
            #expect(requested.json["amount"] as? String == "20.00")
            let replay = try await api.send(
                .post, "/api/v1/users/me/wallet/withdraw", token: user.token,
                json: #"{"amount": "20.00", "method": "bank_transfer", \#(iban)}"#, headers: key)
            #expect(replay.json["id"] as? String == requested.json["id"] as? String)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let wallet = try await api.send(.get, "/api/v1/users/me/wallet", token: user.token)
            #expect(wallet.json["available_balance"] as? String == "10.00")
            let mine = try await api.send(.get, "/api/v1/users/payouts", token: user.token)
            #expect(mine.json["total"] as? Int == 1)
            let all = try await api.send(.get, "/api/v1/admin/payouts?status=requested", token: user.admin)
            #expect(
                ((all.json["payouts"] as? [[String: Any]])?.first)?["user_id"] as? String
                    == user.id.uuidString.lowercased())
            let id = try #require(requested.json["id"] as? String)
            let done = try await api.send(
                .patch, "/api/v1/admin/payouts/\(id)/process", token: user.admin, json: #"{"status": "completed"}"#)
            #expect(done.json["status"] as? String == "completed")
            let again = try await api.send(
                .patch, "/api/v1/admin/payouts/\(id)/process", token: user.admin, json: #"{"status": "failed"}"#)
            #expect(again.status == .badRequest && again.errorDetails["current_status"] as? String == "completed")
            let bogus = try await api.send(
                .patch, "/api/v1/admin/payouts/\(id)/process", token: user.admin, json: #"{"status": "approved"}"#)
            #expect(bogus.status == .badRequest && bogus.errorDetails["received"] as? String == "approved")
            #expect(
                try await api.send(
                    .patch, "/api/v1/admin/payouts/\(UUID())/process", token: user.admin, json: #"{"status": "failed"}"#
                ).status == .notFound)
            let paid = try await api.send(.get, "/api/v1/users/me/wallet", token: user.token)
            #expect(paid.json["paid_balance"] as? String == "20.00")
        }
    }

    @Test func refusesBadPayoutRequests() async throws {
        try await APIHarness.run { api in
            let user = try await fundedUser(api)
            func code(_ json: String) async throws -> (HTTPResponse.Status, String?) {
                let response = try await api.send(.post, "/api/v1/users/payouts", token: user.token, json: json)
                return (response.status, response.errorCode)
            }
            #expect(
                try await code(#"{"amount": "50.00", "method": "bank_transfer", \#(iban)}"#) == (
                    .conflict, "INSUFFICIENT_BALANCE"
                ))
            #expect(
                try await code(#"{"amount": "5.00", "method": "bank_transfer", \#(iban)}"#) == (
                    .unprocessableContent, "UNPROCESSABLE_ENTITY"
                ))
            #expect(
                try await code(#"{"amount": "10.001", "method": "bank_transfer", \#(iban)}"#) == (
                    .badRequest, "VALIDATION_ERROR"
                ))
            #expect(
                try await code(#"{"amount": "10.00", "method": "cheque", \#(iban)}"#) == (
                    .badRequest, "VALIDATION_ERROR"
                ))
            #expect(
                try await code(#"{"amount": "10.00", "method": "bank_transfer", "details": {"iban": "XX00"}}"#) == (
                    .badRequest, "VALIDATION_ERROR"
                ))
            #expect(
                try await code(#"{"amount": "10.00", "method": "card", "details": {"card_token": "4111111111111111"}}"#)
                    == (.badRequest, "VALIDATION_ERROR"))
            #expect(
                try await code(#"{"amount": "10.00", "method": "card", "details": {"card_token": "tok_123"}}"#).0
                    == .created)
            #expect(try await api.send(.get, "/api/v1/users/payouts?limit=0", token: user.token).status == .badRequest)
            #expect(try await api.send(.get, "/api/v1/admin/payouts", token: user.token).status == .forbidden)
            #expect(try await TestData.count(api.database, "payouts") == 1)
        }
    }
}
