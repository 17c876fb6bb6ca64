public import Application
import Logging
public import PostgresNIO

/// The unit of work and readiness probe over a `PostgresClient` pool.
public struct PostgresUnitOfWork: UnitOfWork, DatabaseProbe {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public func transaction<Result: Sendable>(
        _ work: (any Repositories) async throws -> Result
    ) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await work(PostgresRepositories(connection: connection, logger: logger))
            }
        } catch let error as PostgresTransactionError {
            // PostgresNIO wraps what the work threw; callers need the domain error itself.
            if let rollbackError = error.rollbackError {
                logger.error("rollback failed", metadata: ["error": "\(String(reflecting: rollbackError))"])
            }
            throw error.closureError ?? error
        }
    }

    public func read<Result: Sendable>(_ work: (any Repositories) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            try await work(PostgresRepositories(connection: connection, logger: logger))
        }
    }

    public func ping() async throws {
        try await client.query("SELECT 1", logger: logger)
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
    var verifications: any VerificationQueueRepository {
        PostgresVerificationQueueRepository(connection: connection, logger: logger)
    }
    var payoutQueue: any PayoutQueueRepository {
        PostgresPayoutQueueRepository(connection: connection, logger: logger)
    }
}
