import Application
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import PostgresNIO
import TestSupport
import Testing

extension APIHarness {
    /// The books' invariants over this test's database.
    func reconcile() async throws -> ReconciliationReport {
        try await ReconciliationService(
            unitOfWork: PostgresUnitOfWork(client: database, logger: TestDatabase.logger)
        ).run()
    }

    /// Ingests and confirms one purchase; returns its id.
    func confirmedPurchase(
        _ user: (id: UUID, token: String), merchant: String, amount: String, admin: String
    ) async throws -> String {
        let ingested = try await ingest(user.token, user: user.id, merchant: merchant, amount: "\"\(amount)\"")
        let id = try #require(ingested.json["id"] as? String, "\(ingested.status)")
        let confirmed = try await send(.post, "/api/v1/purchases/\(id)/confirmation", token: admin)
        #expect(confirmed.status == .ok)
        return id
    }

    func wallet(_ token: String) async throws -> [String: String] {
        try await send(.get, "/api/v1/users/me/wallet", token: token).json as? [String: String] ?? [:]
    }

    /// A payout request of `amount` (bank transfer).
    func withdraw(_ amount: String, token: String) async throws -> TestResponse {
        try await send(
            .post, "/api/v1/users/payouts", token: token,
            json:
                #"{"amount": "\#(amount)", "method": "bank_transfer", "details": {"iban": "ES9121000418450200051332", "account_holder": "Alice"}}"#
        )
    }
}

/// Cashback never exceeds what a purchase pays, offers are bounded to what the books can hold (ADR 016).
@Suite struct CashbackBoundsAPITests {
    @Test func aFixedOfferNeverPaysMoreThanThePurchase() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let admin = try await api.account(role: "admin")
            let shop = try await api.shopWithOffer(fixed: "500.00", cap: "100000")
            for _ in 0..<2 {
                let ingested = try await api.ingest(user.token, user: user.id, merchant: shop, amount: "\"0.01\"")
                #expect(ingested.status == .created && ingested.json["cashback_amount"] as? String == "0.01")
                let id = try #require(ingested.json["id"] as? String)
                _ = try await api.send(.post, "/api/v1/purchases/\(id)/confirmation", token: admin.token)
            }
            #expect(try await api.wallet(user.token)["available_balance"] == "0.02")
            #expect(try await api.withdraw("1000.00", token: user.token).errorCode == "INSUFFICIENT_BALANCE")
            let big = try await api.ingest(user.token, user: user.id, merchant: shop, amount: "\"1234.56\"")
            #expect(big.json["cashback_amount"] as? String == "500.00")
        }
    }

    @Test func offerValuesBeyondTheBooksAreRefusedAndNothingIsWritten() async throws {
        try await APIHarness.run { api in
            let admin = try await api.account(role: "admin")
            let merchant = try await TestData.insertMerchant(api.database)
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate])
            func create(_ type: String, _ value: String, cap: String = "100", start: String? = nil) async throws
                -> TestResponse
            {
                try await api.send(
                    .post, "/api/v1/offers/", token: admin.token,
                    json: """
                        {"merchant_id": "\(merchant)", "cashback_type": "\(type)", "cashback_value": \(value),
                         "start_date": "\(start ?? today)", "end_date": "9999-12-31", "monthly_cap": \(cap)}
                        """)
            }
            let refusals = [
                (try await create("fixed", "1000000000000000"), "cashback_value"),
                (try await create("fixed", "50", cap: "1000000000000000"), "monthly_cap"),
                (try await create("fixed", "0.001"), "cashback_value"),
                (try await create("fixed", "5", cap: "0.001"), "monthly_cap"),
                (try await create("percent", "2.00001"), "cashback_value"),
                (try await create("fixed", "5", start: "9999-01-01"), "start_date"),
            ]
            for (response, field) in refusals {
                #expect(response.status == .badRequest && response.errorCode == "VALIDATION_ERROR", "\(field)")
                let violations = response.errorDetails["violations"] as? [[String: Any]] ?? []
                #expect(violations.first?["field"] as? String == field, "\(response.json)")
            }
            #expect(try await TestData.count(api.database, "offers", where: "merchant_id = '\(merchant)'") == 0)
            #expect(try await create("fixed", "9999999999.99", cap: "9999999999.99").status == .created)
        }
    }

    @Test func aStoredOfferWithAbsurdValuesCannotBreakIngestion() async throws {
        try await APIHarness.run { api in
            // A row written before the bounds existed: only inserts are checked, so switch the check off to write one.
            try await api.database.query(
                "ALTER TABLE offers DISABLE TRIGGER offers_check_bounds", logger: TestDatabase.logger)
            let user = try await api.account()
            let admin = try await api.account(role: "admin")
            let shop = try await api.shopWithOffer(fixed: "1000000000000000", cap: "1000000000000000")
            try await api.database.query(
                "ALTER TABLE offers ENABLE TRIGGER offers_check_bounds", logger: TestDatabase.logger)
            let largest = try await api.ingest(user.token, user: user.id, merchant: shop, amount: "\"9999999999.99\"")
            #expect(largest.status == .created && largest.json["cashback_amount"] as? String == "9999999999.99")
            let small = try await api.ingest(user.token, user: user.id, merchant: shop, amount: "\"12.34\"")
            #expect(small.status == .created && small.json["cashback_amount"] as? String == "12.34")
            #expect(try await api.reconcile().isClean)
            // The admin can still switch such an offer off (and on again): only new offers are bounded.
            let offers = try await api.send(.get, "/api/v1/offers/?merchant_id=\(shop)", token: admin.token)
            let offer = try #require((offers.json["data"] as? [[String: Any]])?.first?["id"] as? String)
            for active in [false, true] {
                let changed = try await api.send(
                    .patch, "/api/v1/offers/\(offer)/status", token: admin.token,
                    json: #"{"status": "\#(active ? "active" : "inactive")"}"#)
                #expect(changed.status == .ok, "\(changed.json)")
            }
        }
    }

    @Test func aBalanceThatWouldOverflowItsColumnAnswers422AndWritesNothing() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let shop = try await api.shopWithOffer(fixed: "100.00", cap: "9999999999.99")
            try await api.database.query(
                """
                INSERT INTO wallets (user_id, pending_balance) VALUES (\(user.id), 999999999999.00)
                """, logger: TestDatabase.logger)
            let refused = try await api.ingest(user.token, user: user.id, merchant: shop, amount: "\"500.00\"")
            #expect(refused.status == .unprocessableContent && refused.errorCode == "VALUE_OUT_OF_RANGE")
            #expect(try await TestData.count(api.database, "purchases", where: "user_id = '\(user.id)'") == 0)
        }
    }
}

/// Reversing cashback that was already withdrawn records a debt that later cashback repays (ADR 017).
@Suite struct ClawbackAPITests {
    @Test func reversingWithdrawnAndPaidCashbackLeavesADebtThatBlocksPayoutsUntilRepaid() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let admin = try await api.account(role: "admin")
            let shop = try await api.shopWithOffer(fixed: "30.00", cap: "1000")
            let first = try await api.confirmedPurchase(user, merchant: shop, amount: "100.00", admin: admin.token)
            let payout = try #require(try await api.withdraw("30.00", token: user.token).json["id"] as? String)
            let completed = try await api.send(
                .patch, "/api/v1/admin/payouts/\(payout)/process", token: admin.token, json: #"{"status": "completed"}"#
            )
            #expect(completed.json["status"] as? String == "completed")

            let reversed = try await api.send(.patch, "/api/v1/purchases/\(first)/reverse", token: admin.token)
            #expect(reversed.status == .ok && reversed.json["status"] as? String == "reversed")
            #expect(
                try await api.wallet(user.token) == [
                    "pending_balance": "0.00", "available_balance": "0.00", "paid_balance": "30.00",
                    "owed_balance": "30.00",
                ])
            #expect(try await api.reconcile().isClean)

            // Later cashback pays the debt off first: 20.00 of the next 30.00 is not enough, so payouts stay blocked.
            let shopTwenty = try await api.shopWithOffer(fixed: "20.00", cap: "1000")
            _ = try await api.confirmedPurchase(user, merchant: shopTwenty, amount: "50.00", admin: admin.token)
            #expect(try await api.wallet(user.token)["owed_balance"] == "10.00")
            let blocked = try await api.withdraw("10.00", token: user.token)
            #expect(blocked.status == .conflict && blocked.errorCode == "INSUFFICIENT_BALANCE")
            #expect(blocked.errorDetails["owed_balance"] as? String == "10.00")
            let message = (blocked.json["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains("Owed after a reversal: 10.00"), "\(message)")

            _ = try await api.confirmedPurchase(user, merchant: shopTwenty, amount: "50.00", admin: admin.token)
            #expect(
                try await api.wallet(user.token) == [
                    "pending_balance": "0.00", "available_balance": "10.00", "paid_balance": "30.00",
                    "owed_balance": "0.00",
                ])
            #expect(try await api.withdraw("10.00", token: user.token).status == .created)
            #expect(try await api.reconcile().isClean)
        }
    }

    @Test func aPartialShortfallTakesWhatIsLeftAndOwesTheRest() async throws {
        try await APIHarness.run { api in
            let user = try await api.account()
            let admin = try await api.account(role: "admin")
            let shop = try await api.shopWithOffer(fixed: "30.00", cap: "1000")
            let purchase = try await api.confirmedPurchase(user, merchant: shop, amount: "100.00", admin: admin.token)
            let payout = try #require(try await api.withdraw("20.00", token: user.token).json["id"] as? String)
            let reversed = try await api.send(.patch, "/api/v1/purchases/\(purchase)/reverse", token: admin.token)
            #expect(reversed.status == .ok)
            let wallet = try await api.wallet(user.token)
            #expect(wallet["available_balance"] == "0.00" && wallet["owed_balance"] == "20.00")
            // The open payout fails: its refund repays the debt instead of becoming available.
            let failed = try await api.send(
                .patch, "/api/v1/admin/payouts/\(payout)/process", token: admin.token, json: #"{"status": "failed"}"#)
            #expect(failed.json["status"] as? String == "failed")
            #expect(
                try await api.wallet(user.token) == [
                    "pending_balance": "0.00", "available_balance": "0.00", "paid_balance": "0.00",
                    "owed_balance": "0.00",
                ])
            let ledger = try await api.send(
                .get, "/api/v1/admin/wallets/\(user.id.uuidString.lowercased())/ledger?limit=100", token: admin.token)
            let rows = ledger.json["data"] as? [[String: Any]] ?? []
            #expect(rows.filter { $0["reason"] as? String == "debt_repaid" }.count == 2, "\(ledger.json)")
            #expect(try await api.reconcile().isClean)
        }
    }
}
