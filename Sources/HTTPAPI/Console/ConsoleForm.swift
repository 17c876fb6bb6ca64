import Foundation
import Hummingbird

/// A console form as it arrives (`application/x-www-form-urlencoded`), and the checks every change passes
/// before it runs (ADR 022): the browser says it comes from this site, and it carries the session's CSRF token.
enum ConsoleForm {
    /// What a posted form turned out to be.
    enum Check {
        case success(ConsoleController.Signed, [String: String])
        /// No live admin session: the browser is sent to sign in; nothing changed.
        case signedOut
        /// Wrong or missing CSRF token, or posted from another site: refused; nothing changed.
        case forged

        /// The answer for a form that did not pass.
        func refusal(_ pages: ConsolePages, _ request: Request) -> Response {
            switch self {
            case .success, .signedOut: ConsoleController.redirect("/console/sign-in")
            case .forged:
                pages.page(
                    "message", title: "Refused",
                    values: [
                        "heading": "This form was refused",
                        "text": "It was sent from another page or an older session, so nothing was changed. "
                            + "Open the page again and repeat the action.",
                        "link": "/console/queues", "linkLabel": "Back to the queues",
                    ],
                    chrome: [:], request: request, status: .forbidden)
            }
        }
    }

    /// The form's fields; the first value of a name repeated wins. Bodies are small: 64 KiB at most.
    static func read(_ request: Request, context: some RequestContext) async throws -> [String: String] {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 * 1024)
        let text = String(buffer: buffer).replacingOccurrences(of: "+", with: "%20")
        var fields: [String: String] = [:]
        for item in URLComponents(string: "?" + text)?.queryItems ?? [] where fields[item.name] == nil {
            fields[item.name] = item.value ?? ""
        }
        return fields
    }

    /// The browser's `Origin` (or, without one, `Referer`) names the host the request was sent to. A request
    /// that carries neither is allowed: browsers send `Origin` on every cross-site POST, and the session
    /// cookie is `SameSite=Strict` besides.
    static func isSameOrigin(_ request: Request) -> Bool {
        guard let host = request.head.authority else { return false }
        guard let origin = request.headers[.origin] ?? request.headers[.referer] else { return true }
        guard let components = URLComponents(string: origin), let originHost = components.host else { return false }
        let port = components.port.map { ":\($0)" } ?? ""
        let bracketed = originHost.contains(":") ? "[\(originHost)]" : originHost
        return bracketed + port == host
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        let left = Data(lhs.utf8)
        let right = Data(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
