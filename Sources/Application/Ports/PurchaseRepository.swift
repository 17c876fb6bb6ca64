public import Domain
public import Foundation

/// Stores purchases with their cashback transactions; writes the ingestion and every transition atomically
/// with its wallet change, ledger rows, verification-queue row and notification.
public protocol PurchaseRepository: Sendable {
    /// The purchase that holds `externalID` in `namespace` (a partner's, or the users' for `nil`: ADR 040).
    /// While the platform-wide constraint of the previous release still stands (until migration 0015), a refused
    /// insert may come from a purchase in another namespace: then that purchase, as the previous release answered.
    func find(externalID: String, namespace: PartnerID?) async throws -> Purchase?
    /// For each submission, in order (`namespaces[i]` is where `submissions[i]`'s external id lives): the
    /// duplicate (if any), whether its owner is an active user, the merchant, today's candidate offers with what
    /// the owner already earned on each in `month`, and the owner's wallet version — one query, one snapshot,
    /// whatever the count.
    func ingestionContexts(
        of submissions: [PurchaseSubmission], in namespaces: [PartnerID?], on day: CalendarDate, month: MonthWindow
    ) async throws -> [IngestionContext]
    func find(id: PurchaseID) async throws -> PurchaseView?
    /// Reads the purchase and holds its row lock until the transaction ends (lock order: purchase, then wallet).
    func lock(id: PurchaseID) async throws -> Purchase?
    /// What the user already earned on `offerID` in `window`: the month's counter row (ADR 031), kept by a trigger.
    func cashbackEarned(userID: UserID, offerID: OfferID, in window: MonthWindow) async throws -> Money
    /// Records the drafts whose owner's wallet passes `walletGuard`, in one statement: each purchase with its
    /// pending cashback transaction, its ledger movements applied to the wallet (created if needed), its audit row
    /// and its verification-queue row, with a `purchase_ingested` notification. A user's drafts are recorded all
    /// together or not at all. A single ingestion is a batch of one. A sum that would not fit its column throws
    /// `ValueOutOfRange` and writes nothing.
    func recordIngestions(_ drafts: [IngestionDraft], walletGuard: WalletGuard) async throws -> IngestionRecord
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

/// What `recordIngestions` checks so that the cap computed from earlier reads is still exact.
public enum WalletGuard: Equatable, Sendable {
    /// Optimistic: every wallet change bumps its version; record a user's drafts only if the wallet is still at
    /// the version read (a user missing from the map had no wallet yet).
    case unchangedSince([UserID: Int64])
    /// Pessimistic: the caller holds the row lock of every wallet concerned in this transaction.
    case locked
}

/// The answer of `recordIngestions`.
public enum IngestionRecord: Equatable, Sendable {
    /// The purchases written; the drafts of a user whose wallet changed since it was read are not among them.
    case recorded(Set<PurchaseID>)
    /// Nothing written: one of the external ids exists (the unique constraint said so).
    case duplicate
}
