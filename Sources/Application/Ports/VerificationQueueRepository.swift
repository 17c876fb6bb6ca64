public import Domain
public import Foundation

/// The purchase verification queue's claim. Claims use `FOR UPDATE SKIP LOCKED` with leases; every write
/// after the claim is fenced by the lease token (`JobQueueRepository`). Times are the database's clock.
public protocol VerificationQueueRepository: Sendable {
    /// Leases up to `limit` due, unparked, unleased (or lease-expired) items whose user and merchant resolve
    /// `purchase_auto_confirm` to enabled, counting the claim. Run it in `UnitOfWork.transaction`: the claim
    /// fixes how the rest of its transaction is planned, so that it walks the due index (ADR 043).
    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedVerification]
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
        (self.purchaseID, self.merchantID, self.userID, self.amount, self.currency, self.lease, self.enqueuedAt) = (
            purchaseID, merchantID, userID, amount, currency, lease, enqueuedAt
        )
    }

    /// Business attempts already made before this claim.
    public var attempts: Int { lease.attempts }
    public var leaseToken: UUID { lease.token }
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
        (self.claim, self.settlement, self.action, self.reason) = (claim, settlement, action, reason)
    }
}
