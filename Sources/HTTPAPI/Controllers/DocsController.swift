import Hummingbird

/// Serves the interactive API documentation (ADR 021): `GET /docs`, Swagger UI over `/openapi.json`, and the
/// page's files at `GET /docs/{asset}`, all read once from the module's resources (no CDN). The page's
/// Content-Security-Policy lets it load scripts, styles and data from this origin only.
struct DocsController {
    /// The page and its files, by the name they are served under.
    let assets: [String: StaticAsset]

    static let shipped = DocsController(assets: StaticAsset.assets(BundledFiles.read("docs")))

    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.get, "/docs", use: page)
        routes.on(.get, "/docs/{asset}", use: asset)
    }

    @Sendable func page(_ request: Request, context: APIRequestContext) async throws -> Response {
        try serve("index.html")
    }

    @Sendable func asset(_ request: Request, context: APIRequestContext) async throws -> Response {
        try serve(context.parameters.get("asset") ?? "")
    }

    /// The page itself is revalidated on every visit; its files are kept a day.
    private func serve(_ name: String) throws -> Response {
        guard let asset = assets[name] else {
            throw APIError(
                .notFound, code: "NOT_FOUND", message: "The docs page has no file '\(name)'.",
                details: ["resource_type": "docs_asset", "resource_id": .string(name)])
        }
        return asset.response(policy: Self.policy, cache: name == "index.html" ? "no-cache" : "public, max-age=86400")
    }
}
