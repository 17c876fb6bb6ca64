import Foundation
import HTTPAPI

/// The API's listeners and what protects them from hostile traffic (ADR 018):
/// `HTTP_MAX_CONNECTIONS` (open connections at once, default 4096, lowered at start-up to fit under the process's
/// file limit), `HTTP_HEADER_TIMEOUT_SECONDS` (a new connection must send its first request head within this,
/// default 10), `HTTP_IDLE_TIMEOUT_SECONDS` (a kept-alive connection closes after this long without a request,
/// default 75 — longer than a load balancer's usual 60 s), `TRUSTED_PROXIES` (comma-separated addresses or CIDR
/// ranges whose `X-Forwarded-For` names the real client, default none) and `API_ADMIN_HOST` / `API_ADMIN_PORT`
/// (the admin listener serving `/metrics` and health, default `127.0.0.1:9095`; port 0 turns it off).
public struct HTTPServerSettings: Sendable {
    public let maxConnections: Int
    public let headerTimeout: Duration
    public let idleTimeout: Duration
    public let trustedProxies: [String]
    public let adminHost: String
    public let adminPort: Int

    init(_ read: SettingsReader) throws {
        self.maxConnections = try read.int("HTTP_MAX_CONNECTIONS", default: 4096, range: 16...1_000_000)
        self.headerTimeout = .seconds(try read.int("HTTP_HEADER_TIMEOUT_SECONDS", default: 10, range: 1...600))
        self.idleTimeout = .seconds(try read.int("HTTP_IDLE_TIMEOUT_SECONDS", default: 75, range: 1...3600))
        self.trustedProxies = read.string("TRUSTED_PROXIES", default: "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        do {
            _ = try ClientAddressPolicy(trustedProxies: trustedProxies)
        } catch {
            throw SettingsError("TRUSTED_PROXIES", "'\(error.entry)' is neither an IP address nor a CIDR range")
        }
        self.adminHost = read.string("API_ADMIN_HOST", default: "127.0.0.1")
        self.adminPort = try read.int("API_ADMIN_PORT", default: 9095, range: 0...65535)
    }
}
