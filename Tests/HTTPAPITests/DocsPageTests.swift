import Foundation
import HTTPTypes
import Testing

/// `/docs` (ADR 021): Swagger UI served from the binary's resources, locked to this origin by its
/// Content-Security-Policy, over a document that tells readers how to authenticate. The page itself is driven in
/// a real browser by `browser-tests/run.py`.
@Suite struct DocsPageTests {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!

    @Test func thePageLoadsSwaggerUIFromThisOriginOnly() async throws {
        try await APIHarness.run { api in
            let page = try await api.send(.get, "/docs")
            #expect(page.status == .ok && page.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: page.body)
            #expect(html.contains(#"<script src="/docs/swagger-ui-bundle.js"></script>"#))
            #expect(html.contains(#"<script src="/docs/docs-init.js"></script>"#))
            #expect(!html.contains("http://") && !html.contains("https://"), "nothing loaded from another host")
            let policy = try #require(page.headers[Self.contentSecurityPolicy])
            #expect(policy.contains("script-src 'self'") && policy.contains("default-src 'none'"))
            #expect(page.headers[.cacheControl] == "no-cache")

            for (asset, type) in [
                ("swagger-ui-bundle.js", "text/javascript"), ("swagger-ui.css", "text/css"),
                ("docs-init.js", "text/javascript"),
            ] {
                let file = try await api.send(.get, "/docs/\(asset)")
                #expect(file.status == .ok, "\(asset)")
                #expect(file.headers[.contentType]?.hasPrefix(type) == true, "\(asset)")
                #expect(file.headers[.cacheControl] == "public, max-age=86400")
                #expect(file.body.readableBytes > 100)
            }
            let initialiser = String(buffer: try await api.send(.get, "/docs/docs-init.js").body)
            #expect(initialiser.contains(#"url: "/openapi.json""#))
            let missing = try await api.send(.get, "/docs/secrets.txt")
            #expect(missing.status == .notFound && missing.errorCode == "NOT_FOUND")
            let traversal = try await api.send(.get, "/docs/..%2FPackage.swift")
            #expect(traversal.status == .notFound)
        }
    }

    @Test func theDocumentTellsHowEachCallerAuthenticates() async throws {
        try await APIHarness.run { api in
            let document = try await api.send(.get, "/openapi.json").json
            let components = try #require(document["components"] as? [String: Any])
            let schemes = try #require(components["securitySchemes"] as? [String: Any])
            #expect(
                Set(schemes.keys) == [
                    "bearerAuth", "partnerKey", "partnerSignatureKey", "partnerSignatureTimestamp", "partnerSignature",
                ])
            let servers = try #require(document["servers"] as? [[String: Any]])
            #expect(servers.first?["url"] as? String == "/", "try-it calls the server that served the page")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let batch = try #require(paths["/api/v1/purchases/batch"]?["post"] as? [String: Any])
            let security = try #require(batch["security"] as? [[String: [String]]])
            #expect(
                security.map { Set($0.keys) } == [
                    ["partnerKey"], ["partnerSignatureKey", "partnerSignatureTimestamp", "partnerSignature"],
                ])
        }
    }
}
