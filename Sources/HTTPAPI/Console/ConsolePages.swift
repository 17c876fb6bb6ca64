import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The console's Mustache templates and static files (ADR 022), read once from the module's resources, and how
/// a page becomes a response. Mustache escapes every `{{value}}`, so whatever a page shows of stored data (a
/// merchant named `<script>`) is text, never markup.
struct ConsolePages: Sendable {
    let library: MustacheLibrary
    let assets: [String: StaticAsset]

    static let shipped: ConsolePages = {
        let files = BundledFiles.read("console")
        var templates: [String: MustacheTemplate] = [:]
        for (name, data) in files where name.hasSuffix(".mustache") {
            do {
                templates[String(name.dropLast(".mustache".count))] = try MustacheTemplate(
                    string: String(decoding: data, as: UTF8.self))
            } catch {
                preconditionFailure("the console template \(name) does not parse: \(error)")
            }
        }
        return ConsolePages(library: MustacheLibrary(templates: templates), assets: StaticAsset.assets(files))
    }()

    /// Scripts and styles from this origin only; forms post only here; no framing.
    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    static let fragmentHeader: HTTPField.Name = {
        // A valid literal; the failable initializer only refuses malformed names.
        guard let name = HTTPField.Name("X-Console-Fragment") else {
            preconditionFailure("invalid header name literal")
        }
        return name
    }()

    /// `template` rendered with `values` inside the layout, or alone when the request asks for the fragment (the
    /// page's own refresh). Never cached: pages carry the session's CSRF token and live data.
    func page(
        _ template: String, title: String, values: [String: Any], chrome: [String: Any], request: Request,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let content = library.render(values, withTemplate: template) ?? ""
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .contentSecurityPolicy: Self.policy,
        ]
        if request.headers[Self.fragmentHeader] == "1" {
            headers[Self.fragmentHeader] = "1"
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: content)))
        }
        var layout = chrome
        layout["title"] = title
        layout["content"] = content
        let html = library.render(layout, withTemplate: "layout") ?? content
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
