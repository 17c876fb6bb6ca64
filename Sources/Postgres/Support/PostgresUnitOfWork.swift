public import Application
import Logging
public import PostgresNIO

/// The unit of work and readiness probe over a `PostgresClient` pool. Waiting for a connection is bounded by
/// `leaseTimeout` (`DATABASE_LEASE_TIMEOUT_MS`): when the database is down or the pool is exhausted, callers
/// get `DatabaseUnavailable` instead of piling up.
public struct PostgresUnitOfWork: UnitOfWork, DatabaseProbe {
    let client: PostgresClient
    let logger: Logger
    public let leaseTimeout: Duration

    public init(client: PostgresClient, logger: Logger, leaseTimeout: Duration = .seconds(5)) {
        (self.client, self.logger, self.leaseTimeout) = (client, logger, leaseTimeout)
    }

    public func transaction<Result: Sendable>(
        _ work: @escaping @Sendable (any Repositories) async throws -> Result
    ) async throws -> Result {
        do {
            return try await LeaseDeadline.run(within: leaseTimeout) { leased in
                try await client.withTransaction(logger: logger) { connection in
                    try leased()
                    return try await work(PostgresRepositories(connection: connection, logger: logger))
                }
            }
        } catch let error as PostgresTransactionError {
            // PostgresNIO wraps what the work threw; callers need the domain error itself.
            if let rollbackError = error.rollbackError {
                logger.error("rollback failed", metadata: ["error": "\(String(reflecting: rollbackError))"])
            }
            throw Self.translate(error.closureError ?? error.beginError ?? error.commitError ?? error)
        } catch {
            throw Self.translate(error)
        }
    }

    public func withConnection<Result: Sendable>(_ work: @escaping @Sendable (any Repositories) async throws -> Result)
        async throws
        -> Result
    {
        do {
            return try await LeaseDeadline.run(within: leaseTimeout) { leased in
                try await client.withConnection { connection in
                    try leased()
                    return try await work(PostgresRepositories(connection: connection, logger: logger))
                }
            }
        } catch {
            throw Self.translate(error)
        }
    }

    /// The driver's error as the layers above understand it: unavailable (503), out of range (422), or a
    /// refusal that names its SQLSTATE.
    private static func translate(_ error: any Error) -> any Error {
        ConnectionFailure.describingRefusal(NumericOverflow.translate(ConnectionFailure.translate(error)))
    }

    public func ping() async throws {
        do {
            try await LeaseDeadline.run(within: leaseTimeout) { leased in
                try await client.withConnection { connection in
                    try leased()
                    _ = try await connection.query("SELECT 1", logger: logger)
                }
            }
        } catch {
            throw Self.translate(error)
        }
    }
}

/// Every repository bound to one leased connection (and so to its transaction, if one is open).
struct PostgresRepositories: Repositories {
    let connection: PostgresConnection
    let logger: Logger

    var users: any UserRepository { PostgresUserRepository(connection: connection, logger: logger) }
    var refreshTokens: any RefreshTokenRepository {
        PostgresRefreshTokenRepository(connection: connection, logger: logger)
    }
    var merchants: any MerchantRepository { PostgresMerchantRepository(connection: connection, logger: logger) }
    var offers: any OfferRepository { PostgresOfferRepository(connection: connection, logger: logger) }
    var featureFlags: any FeatureFlagRepository {
        PostgresFeatureFlagRepository(connection: connection, logger: logger)
    }
    var audit: any AuditRepository { PostgresAuditRepository(connection: connection, logger: logger) }
    var purchases: any PurchaseRepository { PostgresPurchaseRepository(connection: connection, logger: logger) }
    var wallets: any WalletRepository { PostgresWalletRepository(connection: connection, logger: logger) }
    var payouts: any PayoutRepository { PostgresPayoutRepository(connection: connection, logger: logger) }
    var reconciliation: any ReconciliationRepository {
        PostgresReconciliationRepository(connection: connection, logger: logger)
    }
    var reconciliationRuns: any ReconciliationRunRepository {
        PostgresReconciliationRunRepository(connection: connection, logger: logger)
    }
    var verifications: any VerificationQueueRepository {
        PostgresVerificationQueueRepository(connection: connection, logger: logger)
    }
    var payoutQueue: any PayoutQueueRepository {
        PostgresPayoutQueueRepository(connection: connection, logger: logger)
    }
    var jobQueue: any JobQueueRepository { PostgresJobQueueRepository(connection: connection, logger: logger) }
    var consoleSessions: any ConsoleSessionRepository {
        PostgresConsoleSessionRepository(connection: connection, logger: logger)
    }
    var rateLimits: any DownstreamRateLimitRepository {
        PostgresDownstreamRateLimitRepository(connection: connection, logger: logger)
    }
    var partners: any PartnerRepository { PostgresPartnerRepository(connection: connection, logger: logger) }
    var partnerRequests: any PartnerRequestRepository {
        PostgresPartnerRequestRepository(connection: connection, logger: logger)
    }
    var batchIngestion: any BatchIngestionRepository {
        PostgresBatchIngestionRepository(connection: connection, logger: logger)
    }
}
