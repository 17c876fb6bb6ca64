public import Domain
import Foundation
public import HTTPAPI

/// Withdrawals and ingestion limits: `PAYOUT_MINIMUM_AMOUNT` (default 10.00, the spec's example policy),
/// `INGEST_RATE_LIMIT_ENABLED` (default true), `INGEST_RATE_LIMIT_BURST` (requests at once per caller,
/// default 100) and `INGEST_RATE_LIMIT_PER_SECOND` (sustained requests per second per caller, default 5).
public struct MoneySettings: Sendable {
    public let payoutMinimum: Money
    public let ingestLimit: RateLimiter.Policy

    init(_ read: SettingsReader) throws {
        let minimumText = read.string("PAYOUT_MINIMUM_AMOUNT", default: "10.00")
        guard let minimum = Money(exactly: minimumText), minimum > .zero else {
            throw SettingsError(
                "PAYOUT_MINIMUM_AMOUNT", "must be a positive amount with at most 2 decimals (got '\(minimumText)')")
        }
        self.payoutMinimum = minimum
        let rate = try read.decimal("INGEST_RATE_LIMIT_PER_SECOND", default: 5)
        guard rate > 0 else { throw SettingsError("INGEST_RATE_LIMIT_PER_SECOND", "must be greater than 0") }
        self.ingestLimit = RateLimiter.Policy(
            enabled: try read.bool("INGEST_RATE_LIMIT_ENABLED", default: true),
            burst: try read.int("INGEST_RATE_LIMIT_BURST", default: 100, range: 1...1_000_000),
            ratePerSecond: NSDecimalNumber(decimal: rate).doubleValue)
    }
}
