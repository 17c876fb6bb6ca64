import Foundation

/// Where the worker finds the bank and the payment rail and how it calls them (ADR 020): `BANK_URL` and
/// `RAIL_URL` (required by `clicknback worker`), `BANK_TOKEN` and `RAIL_TOKEN` (bearer credentials, optional),
/// `BANK_TIMEOUT_MS` (default 5000) and `RAIL_TIMEOUT_MS` (default 8000) — each must be shorter than a third of
/// `WORKER_LEASE_SECONDS`, so a lease is renewed at least twice while any call runs — and
/// `DOWNSTREAM_MAX_CONNECTIONS` (connections kept per downstream, default 32).
public struct DownstreamSettings: Sendable {
    public let bankURL: String?
    public let railURL: String?
    public let bankToken: String?
    public let railToken: String?
    public let bankTimeout: Duration
    public let railTimeout: Duration
    public let maxConnections: Int

    init(_ read: SettingsReader, lease: Duration) throws {
        self.bankURL = try Self.url(read, "BANK_URL")
        self.railURL = try Self.url(read, "RAIL_URL")
        self.bankToken = read.optional("BANK_TOKEN").flatMap { $0.isEmpty ? nil : $0 }
        self.railToken = read.optional("RAIL_TOKEN").flatMap { $0.isEmpty ? nil : $0 }
        let longest = Int(lease.wholeMilliseconds) / 3 - 1
        self.bankTimeout = .milliseconds(
            try read.int("BANK_TIMEOUT_MS", default: min(5000, longest), range: 10...longest))
        self.railTimeout = .milliseconds(
            try read.int("RAIL_TIMEOUT_MS", default: min(8000, longest), range: 10...longest))
        self.maxConnections = try read.int("DOWNSTREAM_MAX_CONNECTIONS", default: 32, range: 1...10_000)
    }

    private static func url(_ read: SettingsReader, _ variable: String) throws -> String? {
        guard let text = read.optional(variable), !text.isEmpty else { return nil }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw SettingsError(variable, "must be an http(s) URL (got '\(text)')")
        }
        return text
    }
}
