import Foundation
import Hummingbird
import NIOCore

/// Serves the interactive API documentation (ADR 021): `GET /docs`, Swagger UI over `/openapi.json`, and the
/// page's files at `GET /docs/{asset}`, all read once from the module's resources (no CDN). The page's
/// Content-Security-Policy lets it load scripts, styles and data from this origin only.
struct DocsController {
    /// One file of the page, ready to send.
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
    }

    /// The page and its files, by the name they are served under.
    let assets: [String: Asset]

    /// Reads the files from the module's resources; a missing one fails here, when the router is built, rather
    /// than on a reader's first visit.
    static let shipped: DocsController = {
        let files = [
            ("index.html", "text/html; charset=utf-8"), ("docs-init.js", "text/javascript; charset=utf-8"),
            ("swagger-ui-bundle.js", "text/javascript; charset=utf-8"), ("swagger-ui.css", "text/css; charset=utf-8"),
        ]
        var assets: [String: Asset] = [:]
        for (name, contentType) in files {
            let url = Bundle.module.resourceURL?.appendingPathComponent("docs/\(name)")
            guard let url, let data = try? Data(contentsOf: url) else {
                preconditionFailure("the docs page's \(name) is missing from the HTTPAPI resources")
            }
            assets[name] = Asset(body: ByteBuffer(bytes: data), contentType: contentType)
        }
        return DocsController(assets: assets)
    }()

    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.get, "/docs") { _, _ in try serve("index.html") }
        routes.on(.get, "/docs/{asset}") { _, context in try serve(context.parameters.get("asset") ?? "") }
    }

    /// The page itself is revalidated on every visit; its files are kept a day.
    private func serve(_ name: String) throws -> Response {
        guard let asset = assets[name] else {
            throw APIError(
                .notFound, code: "NOT_FOUND", message: "The docs page has no file '\(name)'.",
                details: ["resource_type": "docs_asset", "resource_id": .string(name)])
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: asset.contentType, .contentSecurityPolicy: Self.policy,
                .cacheControl: name == "index.html" ? "no-cache" : "public, max-age=86400",
            ],
            body: ResponseBody(byteBuffer: asset.body))
    }
}
