public import Domain
public import Foundation

/// Stores payouts.
public protocol PayoutRepository: Sendable {
    /// Inserts the payout; `false` when the user already used its idempotency key.
    func insert(_ payout: Payout) async throws -> Bool
    func find(userID: UserID, idempotencyKey: String) async throws -> Payout?
    func lock(id: PayoutID) async throws -> Payout?
    func update(id: PayoutID, status: PayoutStatus, processedAt: Date?) async throws
    func list(userID: UserID?, status: PayoutStatus?, page: PageRequest) async throws -> Page<Payout>
}
