public import Domain
public import Foundation

/// Stores purchases with their cashback transactions; writes the ingestion and every transition atomically
/// with its wallet change, ledger rows, verification-queue row and notification.
public protocol PurchaseRepository: Sendable {
    func find(externalID: String) async throws -> Purchase?
    /// The duplicate (if any), merchant, today's candidate offers with what `userID` already earned on each
    /// in `month`, and the user's wallet version — one query, one snapshot.
    func ingestionContext(
        externalID: String, merchantID: MerchantID, userID: UserID, on day: CalendarDate, month: MonthWindow
    ) async throws -> IngestionContext
    func find(id: PurchaseID) async throws -> PurchaseView?
    /// Reads the purchase and holds its row lock until the transaction ends (lock order: purchase, then wallet).
    func lock(id: PurchaseID) async throws -> Purchase?
    /// Cashback of the user's pending and confirmed purchases on `offerID` created inside `window`.
    func cashbackEarned(userID: UserID, offerID: OfferID, in window: MonthWindow) async throws -> Money
    /// Inserts a pending purchase, its pending cashback transaction, the pending credit (creating the wallet if
    /// needed) with its ledger row, the audit row and the verification-queue row, and notifies
    /// `purchase_ingested` — one statement, all or nothing, only if `walletGuard` holds.
    func recordIngestion(_ purchase: Purchase, audit: AuditEntry, walletGuard: WalletGuard) async throws
        -> IngestionRecord
    /// Applies a transition to a locked purchase: status, cashback amount, cashback-transaction status,
    /// wallet and ledger, removal from the verification queue, and a `purchase_settled` notification.
    func applyTransition(
        _ purchase: Purchase, outcome: PurchaseTransitions.Outcome, audit: AuditEntry, at instant: Date
    ) async throws
    /// The worker's settles as one autocommit statement (a batch from `GroupCommit`): applies each settlement
    /// only if its purchase is still pending and its claim still holds the lease (PostgreSQL re-checks after any
    /// lock wait), with wallet, ledger, cashback status, queue row, audit (actor system, optional reason) and
    /// `purchase_settled`. Returns the purchases it applied; the others were left untouched.
    func settleIfPending(_ batch: [PendingSettlement], at instant: Date) async throws -> Set<PurchaseID>
    func listForUser(_ userID: UserID, status: PurchaseStatus?, page: PageRequest) async throws -> Page<PurchaseView>
    func list(filter: PurchaseFilter, page: PageRequest) async throws -> Page<Purchase>
    /// The pending purchases ingested longest ago, oldest first, with their merchant's name and user's address.
    func longestPending(limit: Int) async throws -> [PendingPurchase]
}

/// What `recordIngestion` checks so that the cap computed from earlier reads is still exact.
public enum WalletGuard: Equatable, Sendable {
    /// Optimistic: every wallet change bumps its version; record only if it is still the one read (`nil`: the
    /// user had no wallet yet).
    case unchangedSince(version: Int64?)
    /// Pessimistic: the caller holds the wallet's row lock in this transaction.
    case locked
}

/// The answer of `recordIngestion`.
public enum IngestionRecord: Equatable, Sendable {
    case recorded
    /// Nothing written: the external id exists (the unique constraint said so).
    case duplicate
    /// Nothing written: the wallet changed since it was read; read again and retry.
    case walletChanged
}

/// Wallet balances and their append-only ledger.
public protocol WalletRepository: Sendable {
    func find(userID: UserID) async throws -> Wallet?
    /// Creates the wallet if missing and holds its row lock until the transaction ends.
    func lock(userID: UserID) async throws -> Wallet
    /// Changes the balances and appends one ledger row per movement. A balance that would go negative is
    /// refused by the database (`WalletError.balanceWouldBeNegative`).
    func apply(_ movements: [LedgerMovement]) async throws
    func ledger(userID: UserID, page: PageRequest) async throws -> Page<LedgerEntry>
    func transactions(userID: UserID, page: PageRequest) async throws -> Page<CashbackTransaction>
}

/// Raised when the database's non-negative balance check refuses a movement: the last line of defence.
public enum WalletError: Error, Equatable, Sendable {
    case balanceWouldBeNegative(UserID)
}

/// Stores payouts.
public protocol PayoutRepository: Sendable {
    /// Inserts the payout; `false` when the user already used its idempotency key.
    func insert(_ payout: Payout) async throws -> Bool
    func find(userID: UserID, idempotencyKey: String) async throws -> Payout?
    func lock(id: PayoutID) async throws -> Payout?
    func update(id: PayoutID, status: PayoutStatus, processedAt: Date?) async throws
    func list(userID: UserID?, status: PayoutStatus?, page: PageRequest) async throws -> Page<Payout>
}

/// The financial invariants, checked by queries over the whole database.
public protocol ReconciliationRepository: Sendable {
    /// Every violation found, and how many wallets and purchases were examined.
    func check() async throws -> ReconciliationReport
}

/// Where reconcile results are kept for the operations console.
public protocol ReconciliationRunRepository: Sendable {
    /// Appends a run's result (its first `ReconciliationRun.driftsKept` drifts) and forgets runs older than the
    /// newest `ReconciliationRun.runsKept`.
    func record(_ report: ReconciliationReport) async throws
    /// The newest run, or `nil` when reconcile never recorded one.
    func latest() async throws -> ReconciliationRun?
}

/// A recorded reconcile: when it ended and what it found. `report.drifts` holds at most `driftsKept` of the
/// `driftCount` drifts found.
public struct ReconciliationRun: Equatable, Sendable {
    public static let driftsKept = 100
    public static let runsKept = 1000

    public let finishedAt: Date
    public let report: ReconciliationReport
    public let driftCount: Int

    public init(finishedAt: Date, report: ReconciliationReport, driftCount: Int) {
        self.finishedAt = finishedAt
        self.report = report
        self.driftCount = driftCount
    }
}

/// What `clicknback reconcile` found.
public struct ReconciliationReport: Equatable, Sendable {
    public let walletsChecked: Int
    public let purchasesChecked: Int
    public let payoutsChecked: Int
    public let drifts: [Drift]

    public init(walletsChecked: Int, purchasesChecked: Int, payoutsChecked: Int, drifts: [Drift]) {
        self.walletsChecked = walletsChecked
        self.purchasesChecked = purchasesChecked
        self.payoutsChecked = payoutsChecked
        self.drifts = drifts
    }

    public var isClean: Bool { drifts.isEmpty }
}

/// One broken invariant: which rule, about what, and the numbers that disagree.
public struct Drift: Equatable, Sendable {
    public let rule: String
    public let subject: String
    public let detail: String

    public init(rule: String, subject: String, detail: String) {
        self.rule = rule
        self.subject = subject
        self.detail = detail
    }
}
