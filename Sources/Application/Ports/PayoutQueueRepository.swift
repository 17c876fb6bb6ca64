public import Domain
public import Foundation

/// The payout settlement job's claim: payouts in `processing`, leased like verifications.
public protocol PayoutQueueRepository: Sendable {
    /// Leases up to `limit` due payouts, counting the claim. Run it in `UnitOfWork.transaction`, as the
    /// verification claim (ADR 043).
    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedPayout]
    /// Whether `claim` still holds its queue row (locks it for the rest of the transaction).
    func holdsLease(_ claim: ClaimedPayout) async throws -> Bool
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
        (self.payoutID, self.userID, self.amount, self.idempotencyKey, self.lease) = (
            payoutID, userID, amount, idempotencyKey, lease
        )
    }

    public var attempts: Int { lease.attempts }
    public var leaseToken: UUID { lease.token }
}
