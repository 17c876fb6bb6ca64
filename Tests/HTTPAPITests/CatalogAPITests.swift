import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite struct MerchantAPITests {
    @Test func adminCreatesListsAndTogglesMerchants() async throws {
        try await APIHarness.run { api in
            let admin = try await api.account(role: "admin")
            let created = try await api.send(
                .post, "/api/v1/merchants/", token: admin.token,
                json: #"{"name": "Demo Store", "default_cashback_percentage": 7.5, "active": false}"#)
            #expect(created.status == .created)
            #expect(created.json["default_cashback_percentage"] as? Double == 7.5)
            #expect(created.json["active"] as? Bool == false)
            let id = try #require(created.json["id"] as? String)
            let activated = try await api.send(
                .patch, "/api/v1/merchants/\(id)/status", token: admin.token, json: #"{"status": "active"}"#)
            #expect(activated.json["status"] as? String == "active" && activated.json["id"] as? String == id)
            _ = try await api.send(
                .post, "/api/v1/merchants", token: admin.token,
                json: #"{"name": "Other", "default_cashback_percentage": "3"}"#)
            let page = try await api.send(.get, "/api/v1/merchants/?active=true&offset=1&limit=1", token: admin.token)
            #expect((page.json["pagination"] as? [String: Int]) == ["offset": 1, "limit": 1, "total": 2])
            #expect((page.json["data"] as? [[String: Any]])?.first?["name"] as? String == "Other")
            #expect(try await TestData.count(api.database, "audit_logs", where: "resource_type = 'merchant'") == 3)
        }
    }

    @Test func refusesBadMerchantInput() async throws {
        try await APIHarness.run { api in
            let admin = try await api.account(role: "admin")
            let range = try await api.send(
                .post, "/api/v1/merchants/", token: admin.token,
                json: #"{"name": "X", "default_cashback_percentage": 21}"#)
            #expect(range.status == .conflict && range.errorCode == "VALIDATION_ERROR")
            #expect(
                range.errorDetails["reason"] as? String
                    == "Cashback percentage is not valid: Default cashback percentage must be between 0 and 20.0.")
            _ = try await api.send(
                .post, "/api/v1/merchants/", token: admin.token,
                json: #"{"name": "X", "default_cashback_percentage": 1}"#)
            let duplicate = try await api.send(
                .post, "/api/v1/merchants/", token: admin.token,
                json: #"{"name": "X", "default_cashback_percentage": 1}"#)
            #expect(duplicate.status == .conflict && duplicate.errorCode == "MERCHANT_NAME_ALREADY_EXISTS")
            let typed = try await api.send(
                .post, "/api/v1/merchants/", token: admin.token,
                json: #"{"name": 5, "default_cashback_percentage": "x"}"#)
            #expect(typed.status == .unprocessableContent && (typed.errorDetails["violations"] as? [Any])?.count == 2)
            let unknown = try await api.send(
                .patch, "/api/v1/merchants/\(UUID())/status", token: admin.token, json: #"{"status": "active"}"#)
            #expect(unknown.status == .notFound && unknown.errorDetails["resource_type"] as? String == "merchant")
            let badStatus = try await api.send(
                .patch, "/api/v1/merchants/\(UUID())/status", token: admin.token, json: #"{"status": "paused"}"#)
            #expect(badStatus.status == .unprocessableContent)
            let badLimit = try await api.send(.get, "/api/v1/merchants/?limit=101", token: admin.token)
            #expect(badLimit.status == .unprocessableContent)
        }
    }
}

@Suite struct OfferAPITests {
    static var today: String { CalendarDay.today(offset: 0) }
    static var inAMonth: String { CalendarDay.today(offset: 30) }

    func offerJSON(
        _ merchant: String, type: String = "percent", value: String = "5.0", start: String = today,
        end: String = inAMonth, cap: String = "20.0"
    ) -> String {
        #"{"merchant_id": "\#(merchant)", "cashback_type": "\#(type)", "cashback_value": \#(value), "start_date": "\#(start)", "end_date": "\#(end)", "monthly_cap": \#(cap)}"#
    }

    @Test func adminCreatesAnOfferUsersCanBrowse() async throws {
        try await APIHarness.run { api in
            let admin = try await api.account(role: "admin")
            let user = try await api.account()
            let merchant = try await TestData.insertMerchant(api.database, name: "Demo Store")
            let created = try await api.send(
                .post, "/api/v1/offers/", token: admin.token, json: offerJSON(merchant.uuidString))
            #expect(created.status == .created)
            #expect(
                created.json["status"] as? String == "active" && created.json["monthly_cap_per_user"] as? Double == 20)
            #expect(created.json["merchant_id"] as? String == merchant.uuidString.lowercased())
            let offerID = try #require(created.json["id"] as? String)
            let active = try await api.send(.get, "/api/v1/offers/active", token: user.token)
            let item = try #require((active.json["data"] as? [[String: Any]])?.first)
            #expect(item["merchant_name"] as? String == "Demo Store" && item["monthly_cap"] as? Double == 20)
            #expect((active.json["pagination"] as? [String: Int])?["limit"] == 20)
            let details = try await api.send(.get, "/api/v1/offers/\(offerID)", token: user.token)
            #expect(
                details.json["status"] as? String == "active" && details.json["cashback_type"] as? String == "percent")
            _ = try await api.send(
                .patch, "/api/v1/offers/\(offerID)/status", token: admin.token, json: #"{"status": "inactive"}"#)
            let hidden = try await api.send(.get, "/api/v1/offers/\(offerID)", token: user.token)
            #expect(hidden.status == .forbidden && hidden.errorDetails["resource_type"] as? String == "offer")
            #expect(try await api.send(.get, "/api/v1/offers/\(offerID)", token: admin.token).status == .ok)
            #expect(try await api.send(.get, "/api/v1/offers/\(UUID())", token: user.token).status == .notFound)
            let catalogue = try await api.send(.get, "/api/v1/offers/?status=inactive", token: user.token)
            #expect((catalogue.json["pagination"] as? [String: Int])?["total"] == 1)
        }
    }

    @Test func offerRulesAnswerWithTheSpecCodes() async throws {
        try await APIHarness.run { api in
            let admin = try await api.account(role: "admin")
            let merchant = try await TestData.insertMerchant(api.database).uuidString
            let sleeping = try await TestData.insertMerchant(api.database, active: false).uuidString
            func code(_ json: String) async throws -> (HTTPResponse.Status, String?, String?) {
                let response = try await api.send(.post, "/api/v1/offers/", token: admin.token, json: json)
                let violation = (response.errorDetails["violations"] as? [[String: Any]])?.first?["field"] as? String
                return (response.status, response.errorCode, violation)
            }
            #expect(
                try await code(offerJSON(merchant, value: "0")) == (.badRequest, "VALIDATION_ERROR", "cashback_value"))
            #expect(
                try await code(offerJSON(merchant, start: "2000-01-01")) == (
                    .badRequest, "VALIDATION_ERROR", "start_date"
                ))
            #expect(
                try await code(offerJSON(merchant, end: "2000-01-01")) == (.badRequest, "VALIDATION_ERROR", "end_date"))
            #expect(try await code(offerJSON(merchant, cap: "0")) == (.badRequest, "VALIDATION_ERROR", "monthly_cap"))
            #expect(try await code(offerJSON(UUID().uuidString)).0 == .notFound)
            #expect(try await code(offerJSON(sleeping)) == (.unprocessableContent, "MERCHANT_NOT_ACTIVE", nil))
            #expect(try await code(offerJSON(merchant, type: "fixed", value: "3.00")).0 == .created)
            #expect(try await code(offerJSON(merchant)) == (.conflict, "ACTIVE_OFFER_ALREADY_EXISTS", nil))
            #expect(try await code(offerJSON(merchant, type: "bogus")).1 == "VALIDATION_ERROR")
            let badQuery = try await api.send(
                .get, "/api/v1/offers/?status=pending&date_from=2026-02-01&date_to=2026-01-01", token: admin.token)
            #expect(badQuery.status == .badRequest && (badQuery.errorDetails["violations"] as? [Any])?.count == 2)
            let badUUID = try await api.send(.get, "/api/v1/offers/?merchant_id=nope", token: admin.token)
            #expect(badUUID.status == .unprocessableContent)
        }
    }
}

@Suite struct FeatureFlagAPITests {
    @Test func setEvaluateListAndDelete() async throws {
        try await APIHarness.run { api in
            let admin = try await api.account(role: "admin")
            let user = UUID().uuidString.lowercased()
            let set = try await api.send(
                .put, "/api/v1/feature-flags/purchase_auto_confirm", token: admin.token,
                json: #"{"enabled": false, "scope_type": "user", "scope_id": "\#(user)", "description": "manual"}"#)
            #expect(set.status == .ok && set.json["scope_id"] as? String == user)
            let global = try await api.send(
                .put, "/api/v1/feature-flags/purchase_auto_confirm", token: admin.token, json: #"{"enabled": true}"#)
            #expect(global.json["scope_id"] is NSNull && global.json["description"] is NSNull)
            let evaluated = try await api.send(
                .get, "/api/v1/feature-flags/purchase_auto_confirm/evaluate?scope_type=user&scope_id=\(user)",
                token: admin.token)
            #expect(evaluated.json["enabled"] as? Bool == false)
            let fallback = try await api.send(
                .get, "/api/v1/feature-flags/unknown_key/evaluate", token: admin.token)
            #expect(fallback.json["enabled"] as? Bool == true)
            let listed = try await api.send(.get, "/api/v1/feature-flags?key=purchase_auto_confirm", token: admin.token)
            #expect((listed.json["pagination"] as? [String: Int])?["total"] == 2)
            let deleted = try await api.send(
                .delete, "/api/v1/feature-flags/purchase_auto_confirm?scope_type=user&scope_id=\(user)",
                token: admin.token)
            #expect(deleted.status == .noContent)
            let gone = try await api.send(
                .delete, "/api/v1/feature-flags/purchase_auto_confirm?scope_type=user&scope_id=\(user)",
                token: admin.token)
            #expect(gone.status == .notFound && gone.errorCode == "FEATURE_FLAG_NOT_FOUND")
            #expect(try await TestData.count(api.database, "audit_logs", where: "resource_type = 'feature_flag'") == 3)
        }
    }

    @Test func refusesBadKeysAndScopes() async throws {
        try await APIHarness.run { api in
            let admin = try await api.account(role: "admin")
            let badKey = try await api.send(
                .put, "/api/v1/feature-flags/Bad-Key", token: admin.token, json: #"{"enabled": true}"#)
            #expect(badKey.status == .unprocessableContent && badKey.errorDetails["key"] as? String == "Bad-Key")
            let noScopeID = try await api.send(
                .put, "/api/v1/feature-flags/k", token: admin.token,
                json: #"{"enabled": true, "scope_type": "merchant"}"#)
            #expect(noScopeID.errorCode == "FEATURE_FLAG_SCOPE_ID_REQUIRED")
            let badScope = try await api.send(
                .put, "/api/v1/feature-flags/k", token: admin.token, json: #"{"enabled": true, "scope_type": "planet"}"#
            )
            #expect(badScope.status == .unprocessableContent && badScope.errorCode == "VALIDATION_ERROR")
            let evaluate = try await api.send(
                .get, "/api/v1/feature-flags/k/evaluate?scope_type=user", token: admin.token)
            #expect(evaluate.errorCode == "FEATURE_FLAG_SCOPE_ID_REQUIRED")
            let deleteWithoutScope = try await api.send(.delete, "/api/v1/feature-flags/k", token: admin.token)
            #expect(deleteWithoutScope.status == .unprocessableContent)
            #expect(try await TestData.count(api.database, "feature_flags") == 0)
        }
    }
}

/// Calendar days relative to today (UTC), for date fields that must not be in the past.
enum CalendarDay {
    static func today(offset days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(byAdding: .day, value: days, to: Date())!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
