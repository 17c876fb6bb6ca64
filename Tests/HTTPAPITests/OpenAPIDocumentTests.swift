import Foundation
import HTTPAPI
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct OpenAPIDocumentTests {
    @Test func theServedDocumentListsExactlyTheRoutesTheRouterServes() async throws {
        try await APIHarness.run { api in
            let response = try await api.send(.get, "/openapi.json")
            #expect(response.status == .ok && response.headers[.contentType] == "application/json")
            let document = response.json
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(
                paths.flatMap { path, operations in
                    operations.keys.filter { $0 != "parameters" }.map { "\($0.uppercased()) \(path)" }
                })
            let served = Set(api.routes.map { "\($0.method) \($0.path)" })
            #expect(
                documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served))")
            #expect(
                served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented))")
            #expect(served.count == api.routes.count, "no route registered twice")
        }
    }

    @Test func everyDocumentedOperationIsRoutedAndAnswersWithADocumentedStatus() async throws {
        try await APIHarness.run { api in
            let admin = try await api.account(role: "admin")
            let schema = OpenAPISchema(document: try await api.send(.get, "/openapi.json").json)
            let paths = try #require(schema.document["paths"] as? [String: [String: Any]])
            for (path, operations) in paths {
                let concrete = path.replacingOccurrences(
                    of: #"\{[^}]+\}"#, with: UUID().uuidString.lowercased(), options: .regularExpression)
                for (method, operation) in operations where method != "parameters" {
                    let response = try await api.send(
                        HTTPRequest.Method(method.uppercased()) ?? .get, concrete, token: admin.token,
                        json: method == "get" || method == "delete" ? nil : "{}")
                    let responses = (operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                    let documented = Set(responses.keys)
                    #expect(
                        documented.contains(String(response.status.code)),
                        "\(method.uppercased()) \(path) answered \(response.status.code), documented: \(documented.sorted())"
                    )
                    #expect(
                        response.status.code < 500, "\(method.uppercased()) \(path) answered \(response.status.code)")
                    if let body = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) {
                        let problems = schema.violations(
                            of: body, against: schema.responseSchema(method, path, status: Int(response.status.code)))
                        #expect(problems.isEmpty, "\(method.uppercased()) \(path) \(response.status.code): \(problems)")
                    }
                }
            }
        }
    }

    /// The document holds together: every `$ref` resolves, every tag is declared, every operation has a unique
    /// id, every security requirement names a declared scheme, and every operation that needs a credential
    /// documents its 401.
    @Test func theDocumentIsWellFormed() async throws {
        try await APIHarness.run { api in
            let schema = OpenAPISchema(document: try await api.send(.get, "/openapi.json").json)
            let document = schema.document
            for reference in schema.references() { #expect(schema.resolve(reference) != nil, "\(reference)") }
            let tags = Set(((document["tags"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
            let schemes = Set(
                (((document["components"] as? [String: Any])?["securitySchemes"]) as? [String: Any] ?? [:]).keys)
            let global = document["security"] as? [[String: Any]] ?? []
            var operationIDs: [String] = []
            for (path, operations) in document["paths"] as? [String: [String: Any]] ?? [:] {
                for (method, value) in operations where method != "parameters" {
                    let operation = value as? [String: Any] ?? [:]
                    let name = "\(method.uppercased()) \(path)"
                    let operationTags = operation["tags"] as? [String] ?? []
                    #expect(
                        !operationTags.isEmpty && Set(operationTags).isSubset(of: tags), "\(name): \(operationTags)")
                    operationIDs.append(operation["operationId"] as? String ?? "")
                    let security = operation["security"] as? [[String: Any]] ?? global
                    let named = Set(security.flatMap(\.keys))
                    #expect(named.isSubset(of: schemes), "\(name) names \(named.subtracting(schemes))")
                    let responses = operation["responses"] as? [String: Any] ?? [:]
                    if !named.isEmpty { #expect(responses["401"] != nil, "\(name) needs a credential: 401 documented") }
                }
            }
            #expect(!operationIDs.contains(""), "every operation has an id")
            #expect(Set(operationIDs).count == operationIDs.count, "operation ids are unique")
        }
    }

    /// Real successful answers of every GET (with the ids a short scenario created) and of the scenario's own
    /// writes conform to the schemas the document gives for them.
    @Test func realSuccessfulAnswersMatchTheirDocumentedSchemas() async throws {
        try await APIHarness.run { api in
            let schema = OpenAPISchema(document: try await api.send(.get, "/openapi.json").json)
            let admin = try await api.account(role: "admin")
            let user = try await api.account()
            var checked = 0
            func check(_ method: String, _ template: String, _ response: TestResponse, _ expected: Int) throws {
                #expect(Int(response.status.code) == expected, "\(method) \(template): \(response.status.code)")
                guard let body = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)),
                    let documented = schema.responseSchema(method, template, status: expected)
                else { return }
                let problems = schema.violations(of: body, against: documented)
                #expect(problems.isEmpty, "\(method) \(template) \(expected): \(problems)")
                checked += 1
            }
            let today = Date().formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
            let merchant = try await api.send(
                .post, "/api/v1/merchants/", token: admin.token,
                json: #"{"name": "Schema Shop", "default_cashback_percentage": 5}"#)
            try check("POST", "/api/v1/merchants/", merchant, 201)
            let merchantID = try #require(merchant.json["id"] as? String)
            let offer = try await api.send(
                .post, "/api/v1/offers/", token: admin.token,
                json: #"""
                    {"merchant_id": "\#(merchantID)", "cashback_type": "fixed", "cashback_value": 30,
                     "start_date": "\#(today)", "end_date": "2099-12-31", "monthly_cap": 100}
                    """#)
            try check("POST", "/api/v1/offers/", offer, 201)
            let purchase = try await api.ingest(user.token, user: user.id, merchant: merchantID)
            try check("POST", "/api/v1/purchases/", purchase, 201)
            let purchaseID = try #require(purchase.json["id"] as? String)
            try check(
                "POST", "/api/v1/purchases/{purchase_id}/confirmation",
                try await api.send(.post, "/api/v1/purchases/\(purchaseID)/confirmation", token: admin.token), 200)
            let payout = try await api.send(
                .post, "/api/v1/users/payouts", token: user.token,
                json:
                    #"{"amount": "20.00", "method": "bank_transfer", "details": {"iban": "ES9121000418450200051332", "account_holder": "Alice"}}"#
            )
            try check("POST", "/api/v1/users/payouts", payout, 201)
            let ids = [
                "merchant_id": merchantID, "offer_id": try #require(offer.json["id"] as? String),
                "purchase_id": purchaseID, "user_id": user.id.uuidString.lowercased(),
                "payout_id": try #require(payout.json["id"] as? String), "key": "purchase_auto_confirm",
            ]
            for (path, operations) in schema.document["paths"] as? [String: [String: Any]] ?? [:]
            where operations["get"] != nil && !path.hasPrefix("/docs") && path != "/openapi.json" {
                var concrete = path
                for (name, value) in ids { concrete = concrete.replacingOccurrences(of: "{\(name)}", with: value) }
                guard !concrete.contains("{") else { continue }
                let own = ["/api/v1/users/me", "/api/v1/users/payouts", "/api/v1/purchases/{purchase_id}"]
                let token = own.contains { path.hasPrefix($0) } ? user.token : admin.token
                try check("GET", path, try await api.send(.get, concrete, token: token), 200)
            }
            #expect(checked >= 25, "answers checked against a schema: \(checked)")
        }
    }
}
