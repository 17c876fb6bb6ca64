public import Domain
public import Foundation

/// What every claim knows about its queue row: which item, the token that fences every later write, and the
/// counters the runtime decides by.
public struct QueueLease: Equatable, Sendable {
    public let itemID: UUID
    /// Fences every write of this claim: a re-claim after expiry gets a new token.
    public let token: UUID
    /// Business attempts ("not matched yet") made before this claim.
    public let attempts: Int
    /// Every claim so far, this one included (counted before any call): this attempt's number.
    public let claims: Int
    /// Consecutive attempts that crashed or whose outcome the database refused, counting a crash this claim
    /// found (a row still leased when claimed again was abandoned).
    public let interruptions: Int

    public init(itemID: UUID, token: UUID, attempts: Int, claims: Int, interruptions: Int) {
        self.itemID = itemID
        self.token = token
        self.attempts = attempts
        self.claims = claims
        self.interruptions = interruptions
    }
}

/// A purchase awaiting verification, claimed under a lease by one worker.
public struct ClaimedVerification: Equatable, Sendable {
    public let purchaseID: PurchaseID
    public let merchantID: MerchantID
    public let userID: UserID
    public let amount: Money
    public let currency: String
    public let lease: QueueLease
    /// When the purchase entered the queue (its ingestion), for latency measurement.
    public let enqueuedAt: Date

    public init(
        purchaseID: PurchaseID, merchantID: MerchantID, userID: UserID, amount: Money, currency: String,
        lease: QueueLease, enqueuedAt: Date
    ) {
        self.purchaseID = purchaseID
        self.merchantID = merchantID
        self.userID = userID
        self.amount = amount
        self.currency = currency
        self.lease = lease
        self.enqueuedAt = enqueuedAt
    }

    /// Business attempts already made before this claim.
    public var attempts: Int { lease.attempts }
    public var leaseToken: UUID { lease.token }
}

/// A payout an admin moved to `processing`, claimed for the payment rail.
public struct ClaimedPayout: Equatable, Sendable {
    public let payoutID: PayoutID
    public let userID: UserID
    public let amount: Money
    /// Stored with the queue row before the first call and sent on every call, so the rail pays once.
    public let idempotencyKey: UUID
    public let lease: QueueLease

    public init(payoutID: PayoutID, userID: UserID, amount: Money, idempotencyKey: UUID, lease: QueueLease) {
        self.payoutID = payoutID
        self.userID = userID
        self.amount = amount
        self.idempotencyKey = idempotencyKey
        self.lease = lease
    }

    public var attempts: Int { lease.attempts }
    public var leaseToken: UUID { lease.token }
}

/// The purchase verification queue's claim. Claims use `FOR UPDATE SKIP LOCKED` with leases; every write
/// after the claim is fenced by the lease token (`JobQueueRepository`). Times are the database's clock.
public protocol VerificationQueueRepository: Sendable {
    /// Leases up to `limit` due, unparked, unleased (or lease-expired) items whose user and merchant resolve
    /// `purchase_auto_confirm` to enabled, counting the claim.
    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedVerification]
}

/// The payout settlement job's claim: payouts in `processing`, leased like verifications.
public protocol PayoutQueueRepository: Sendable {
    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedPayout]
    /// Whether `claim` still holds its queue row (locks it for the rest of the transaction).
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
