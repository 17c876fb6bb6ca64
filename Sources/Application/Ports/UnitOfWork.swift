/// The transaction boundary a use case owns: everything done through `repositories` commits once, or not at all.
public protocol UnitOfWork: Sendable {
    /// How long a caller may wait for a connection before the database counts as unavailable (503). Requests that
    /// queue for a shared statement (`GroupCommit`) wait no longer than this either.
    var leaseTimeout: Duration { get }

    /// Runs `work` in one database transaction, committed when it returns and rolled back when it throws.
    func transaction<Result: Sendable>(
        _ work: @escaping @Sendable (any Repositories) async throws -> Result
    ) async throws -> Result

    /// Runs `work` on one connection without a surrounding transaction: each statement commits on its own (one
    /// round trip per statement). Reads use it, and so do writes that are atomic as one statement — the
    /// optimistic ingestion record, claims, lease renewals, the worker's settle — where a transaction would only
    /// add the BEGIN and COMMIT round trips. Work that needs several statements to commit together uses
    /// `transaction`.
    func withConnection<Result: Sendable>(_ work: @escaping @Sendable (any Repositories) async throws -> Result)
        async throws
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
    var partnerRequests: any PartnerRequestRepository { get }
    var batchIngestion: any BatchIngestionRepository { get }
}
