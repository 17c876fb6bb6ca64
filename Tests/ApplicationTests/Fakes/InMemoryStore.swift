import Application
import Domain
import Foundation
import Synchronization

/// Everything the fakes store, as plain values so a transaction can work on a copy.
struct StoreState: Sendable {
    var users: [User] = []
    var refreshTokens: [RefreshTokenRecord] = []
    var consoleSessions: [String: ConsoleSession] = [:]
    var merchants: [Merchant] = []
    var offers: [Offer] = []
    var flags: [FeatureFlag] = []
    var audit: [AuditEntry] = []
    var purchases: [Purchase] = []
    var cashbackTransactions: [CashbackTransaction] = []
    var wallets: [UserID: Wallet] = [:]
    var ledger: [LedgerMovement] = []
    var payouts: [Payout] = []
    var queue: Set<PurchaseID> = []
    /// Lease tokens held per queued purchase or payout.
    var leases: [UUID: UUID] = [:]
    var payoutQueue: Set<PayoutID> = []
    var notifications: [String] = []
    var partners: [Partner] = []
    var partnerCredentials: [String: (credential: PartnerCredential, ciphertext: Data)] = [:]
    var partnerSignatures: Set<String> = []
    /// Requests each partner took from its shared limit (the fake ignores time: `burst` in all).
    var partnerRequestsTaken: [PartnerID: Int] = [:]
    /// How many optimistic ingestions will still find their wallet changed (see `InMemoryPurchases`).
    var walletConflicts = 0
    var reconcileRuns: [ReconciliationRun] = []
}

/// An in-memory unit of work: a transaction works on a copy that replaces the state only on success,
/// and every commit and rollback is counted so tests can assert the transaction boundary.
final class InMemoryStore: UnitOfWork {
    let state = Mutex(StoreState())
    let counters = Mutex((commits: 0, rollbacks: 0, reads: 0))
    /// While set, every connection-level unit of work fails as an unreachable database does.
    let databaseDown = Mutex(false)
    let leaseTimeout = Duration.seconds(5)

    var commits: Int { counters.withLock { $0.commits } }
    var rollbacks: Int { counters.withLock { $0.rollbacks } }
    var reads: Int { counters.withLock { $0.reads } }
    var snapshot: StoreState { state.withLock { $0 } }

    func transaction<Result: Sendable>(_ work: (any Repositories) async throws -> Result) async throws -> Result {
        let working = WorkingCopy(state.withLock { $0 })
        do {
            let result = try await work(InMemoryRepositories(working: working))
            state.withLock { $0 = working.state.withLock { $0 } }
            counters.withLock { $0.commits += 1 }
            return result
        } catch {
            counters.withLock { $0.rollbacks += 1 }
            throw error
        }
    }

    /// Like a connection without a transaction: each statement commits on its own (claims, leases).
    func withConnection<Result: Sendable>(_ work: @escaping @Sendable (any Repositories) async throws -> Result)
        async throws
        -> Result
    {
        counters.withLock { $0.reads += 1 }
        if databaseDown.withLock({ $0 }) { throw DatabaseUnavailable(reason: "test outage") }
        let working = WorkingCopy(state.withLock { $0 })
        let result = try await work(InMemoryRepositories(working: working))
        state.withLock { $0 = working.state.withLock { $0 } }
        return result
    }

    func seed(_ change: (inout StoreState) -> Void) { state.withLock { change(&$0) } }
}

/// The state one unit of work sees and changes.
final class WorkingCopy: Sendable {
    let state: Mutex<StoreState>
    init(_ state: StoreState) { self.state = Mutex(state) }
}

struct InMemoryRepositories: Repositories {
    let working: WorkingCopy
    var users: any UserRepository { InMemoryUsers(working: working) }
    var refreshTokens: any RefreshTokenRepository { InMemoryRefreshTokens(working: working) }
    var merchants: any MerchantRepository { InMemoryMerchants(working: working) }
    var offers: any OfferRepository { InMemoryOffers(working: working) }
    var featureFlags: any FeatureFlagRepository { InMemoryFlags(working: working) }
    var audit: any AuditRepository { InMemoryAudit(working: working) }
    var purchases: any PurchaseRepository { InMemoryPurchases(working: working) }
    var wallets: any WalletRepository { InMemoryWallets(working: working) }
    var payouts: any PayoutRepository { InMemoryPayouts(working: working) }
    var reconciliation: any ReconciliationRepository { InMemoryReconciliation(working: working) }
    var reconciliationRuns: any ReconciliationRunRepository { InMemoryReconciliationRuns(working: working) }
    var verifications: any VerificationQueueRepository { InMemoryVerifications(working: working) }
    var partners: any PartnerRepository { InMemoryPartners(working: working) }
    var partnerRequests: any PartnerRequestRepository { InMemoryPartnerRequests(working: working) }
    var batchIngestion: any BatchIngestionRepository { InMemoryBatchIngestion(working: working) }
    var payoutQueue: any PayoutQueueRepository { InMemoryPayoutQueue(working: working) }
    var jobQueue: any JobQueueRepository { InMemoryJobQueue(working: working) }
    var consoleSessions: any ConsoleSessionRepository { InMemoryConsoleSessions(working: working) }
    var rateLimits: any DownstreamRateLimitRepository { InMemoryRateLimits() }
}

func paged<Item>(_ items: [Item], _ page: PageRequest) -> Page<Item> {
    Page(items: Array(items.dropFirst(page.offset).prefix(page.limit)), total: items.count)
}
