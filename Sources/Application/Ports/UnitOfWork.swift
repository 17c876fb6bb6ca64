/// The transaction boundary a use case owns: everything done through `repositories` commits once, or not at all.
public protocol UnitOfWork: Sendable {
    /// Runs `work` in one database transaction, committed when it returns and rolled back when it throws.
    func transaction<Result: Sendable>(
        _ work: @Sendable (any Repositories) async throws -> Result
    ) async throws -> Result

    /// Runs `work` on one connection without a surrounding transaction: each statement commits on its own (one
    /// round trip per statement). Reads use it, and so do writes that are atomic as one statement — the
    /// optimistic ingestion record, claims, lease renewals, the worker's settle — where a transaction would only
    /// add the BEGIN and COMMIT round trips. Work that needs several statements to commit together uses
    /// `transaction`.
    func withConnection<Result: Sendable>(_ work: @Sendable (any Repositories) async throws -> Result) async throws
        -> Result
}

/// The repositories bound to one unit of work, so every write inside it shares its transaction.
public protocol Repositories: Sendable {
    var users: any UserRepository { get }
    var refreshTokens: any RefreshTokenRepository { get }
    var merchants: any MerchantRepository { get }
    var offers: any OfferRepository { get }
    var featureFlags: any FeatureFlagRepository { get }
    var audit: any AuditRepository { get }
    var purchases: any PurchaseRepository { get }
    var wallets: any WalletRepository { get }
    var payouts: any PayoutRepository { get }
    var reconciliation: any ReconciliationRepository { get }
    var reconciliationRuns: any ReconciliationRunRepository { get }
    var verifications: any VerificationQueueRepository { get }
    var payoutQueue: any PayoutQueueRepository { get }
    var jobQueue: any JobQueueRepository { get }
    var consoleSessions: any ConsoleSessionRepository { get }
    var rateLimits: any DownstreamRateLimitRepository { get }
    var partners: any PartnerRepository { get }
    var batchIngestion: any BatchIngestionRepository { get }
}

/// The database cannot be reached or gave no connection in time: the caller may retry later (HTTP 503).
/// Raised before any statement of the unit of work ran, or when the connection broke, so nothing was
/// committed by the unit of work that raised it unless the break came after its COMMIT was sent.
public struct DatabaseUnavailable: Error, Equatable, Sendable {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// The database refused a statement for a reason of its own (a constraint, a trigger, a serialization
/// failure): its SQLSTATE and message, which never carry bound values. It says what went wrong where the
/// driver's own description hides everything, in logs and in a parked item's `last_error`.
public struct DatabaseRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public let sqlState: String
    public let message: String

    public init(sqlState: String, message: String) {
        self.sqlState = sqlState
        self.message = message
    }

    public var description: String { "database refused the statement (SQLSTATE \(sqlState)): \(message)" }
}

/// A value derived from the input does not fit the books: a balance or a sum would exceed what its column holds
/// (`NUMERIC(14,2)`, just under a trillion). Nothing was written; the request cannot succeed as sent (HTTP 422).
/// Every single input is bounded before it gets here; this catches what only sums of many inputs reach.
public struct ValueOutOfRange: Error, Equatable, Sendable {
    public init() {}
}
