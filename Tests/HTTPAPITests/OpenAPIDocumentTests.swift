import Foundation
import HTTPAPI
import HTTPTypes
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
            let paths = try #require(
                try await api.send(.get, "/openapi.json").json["paths"] as? [String: [String: Any]])
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
                }
            }
        }
    }
}
