import Crypto
import Foundation
import Hummingbird

/// The console's session cookie (ADR 022): a random 256-bit key, sent back by the browser on every console
/// request and never readable by scripts. The server keeps only the key's SHA-256, so the table of sessions
/// gives nobody a way in.
public enum ConsoleCookie {
    public static let name = "cnb_console"

    /// A new random key and the hash stored for it.
    static func newKey() -> (key: String, hash: String) {
        let key = randomToken()
        return (key, hash(key))
    }

    /// A random 256-bit token, URL-safe base64 (also the sessions' CSRF tokens).
    static func randomToken() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The session key the request carries, if any.
    static func key(in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { continue }
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                // 32 bytes in URL-safe base64 are 43 characters; anything else was not made here.
                guard value.count == 43, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
                else { return nil }
                return value
            }
        }
        return nil
    }

    /// `Set-Cookie` for `key`: HttpOnly, SameSite=Strict, scoped to the console, `Secure` unless the browser
    /// reached the API at a loopback `host` (plain-HTTP development), kept for `maxAge` seconds.
    public static func setting(_ key: String, host: String?, maxAge: Int) -> String {
        "\(name)=\(key); Path=/console; HttpOnly; SameSite=Strict; Max-Age=\(maxAge)"
            + (isLoopback(host: host) ? "" : "; Secure")
    }

    /// `Set-Cookie` that makes the browser forget the key.
    static func clearing(host: String?) -> String {
        setting("", host: host, maxAge: 0)
    }

    /// `host` (the request's `Host`, with any port) names this machine: `localhost`, `127.x.y.z` or `[::1]`.
    public static func isLoopback(host: String?) -> Bool {
        guard let host else { return false }
        let name: Substring
        if host.hasPrefix("[") {
            name = host.dropFirst().prefix { $0 != "]" }
        } else {
            name = host.prefix { $0 != ":" }
        }
        return name == "localhost" || name == "::1" || name.hasPrefix("127.")
    }
}
