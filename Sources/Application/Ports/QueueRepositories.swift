public import Domain
public import Foundation

/// A purchase awaiting verification, claimed under a lease by one worker.
public struct ClaimedVerification: Equatable, Sendable {
    public let purchaseID: PurchaseID
    public let merchantID: MerchantID
    /// Attempts already made before this claim (persisted, so a restart resumes the schedule).
    public let attempts: Int
    /// Fences every write of this claim: a re-claim after expiry gets a new token.
    public let leaseToken: UUID
    /// When the purchase entered the queue (its ingestion), for latency measurement.
    public let enqueuedAt: Date

    public init(purchaseID: PurchaseID, merchantID: MerchantID, attempts: Int, leaseToken: UUID, enqueuedAt: Date) {
        self.purchaseID = purchaseID
        self.merchantID = merchantID
        self.attempts = attempts
        self.leaseToken = leaseToken
        self.enqueuedAt = enqueuedAt
    }
}

/// The worker's queue of purchases to verify. Claims use `FOR UPDATE SKIP LOCKED` with leases; every write
/// after the claim is fenced by the lease token. Times are the database's clock, so worker clocks may skew.
public protocol VerificationQueueRepository: Sendable {
    /// Leases up to `limit` due, unleased (or lease-expired) items whose user and merchant resolve
    /// `purchase_auto_confirm` to enabled.
    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedVerification]
    /// Extends the leases this owner still holds; returns how many were extended.
    func renew(owner: String, purchaseIDs: [PurchaseID], lease: Duration) async throws -> Int
    /// Records a failed attempt and when to try next; `false` if the lease was lost.
    func reschedule(
        _ claim: ClaimedVerification, attempts: Int, after delay: Duration, error: String
    ) async throws -> Bool
    /// Gives the item back (shutdown) without counting an attempt.
    func release(_ claim: ClaimedVerification) async throws
}

/// A payout an admin moved to `processing`, claimed for the payment rail.
public struct ClaimedPayout: Equatable, Sendable {
    public let payoutID: PayoutID
    public let attempts: Int
    public let leaseToken: UUID

    public init(payoutID: PayoutID, attempts: Int, leaseToken: UUID) {
        self.payoutID = payoutID
        self.attempts = attempts
        self.leaseToken = leaseToken
    }
}

/// The payout settlement job's queue: payouts in `processing`, leased like verifications.
public protocol PayoutQueueRepository: Sendable {
    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedPayout]
    func renew(owner: String, payoutIDs: [PayoutID], lease: Duration) async throws -> Int
    func reschedule(_ claim: ClaimedPayout, attempts: Int, after delay: Duration, error: String) async throws -> Bool
    func release(_ claim: ClaimedPayout) async throws
    func holdsLease(_ claim: ClaimedPayout) async throws -> Bool
}

/// One verification outcome waiting to be written by the worker's settle statement.
public struct PendingSettlement: Sendable {
    public let claim: ClaimedVerification
    public let settlement: PurchaseTransitions.Settlement
    public let action: AuditAction
    /// Why a rejection happened (recorded in the audit row); `nil` for confirmations.
    public let reason: String?

    public init(
        claim: ClaimedVerification, settlement: PurchaseTransitions.Settlement, action: AuditAction, reason: String?
    ) {
        self.claim = claim
        self.settlement = settlement
        self.action = action
        self.reason = reason
    }
}
