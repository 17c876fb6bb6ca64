public import Application
public import Domain
import Foundation
public import Logging

/// Sends payouts an admin moved to `processing` through the payment rail and finalizes them as `completed`
/// or `failed`. Every call carries the payout's stored idempotency key, so retries, takeovers and redrives
/// pay once. Paused while `payout_settlement_job` is disabled globally.
public struct PayoutSettlementJob: Job {
    let unitOfWork: any UnitOfWork
    let payouts: PayoutService
    let rail: any PaymentRail
    let owner: String
    let leaseDuration: Duration
    public let maxAttempts: Int

    public init(
        unitOfWork: any UnitOfWork, payouts: PayoutService, rail: any PaymentRail, owner: String,
        leaseDuration: Duration, maxAttempts: Int
    ) {
        (self.unitOfWork, self.payouts, self.rail, self.owner, self.leaseDuration, self.maxAttempts) = (
            unitOfWork, payouts, rail, owner, leaseDuration, maxAttempts
        )
    }

    public var kind: JobKind { .payoutSettlement }

    public func lease(of item: ClaimedPayout) -> QueueLease { item.lease }
    public func logMetadata(of item: ClaimedPayout) -> Logger.Metadata {
        ["payout_id": .string(item.payoutID.description)]
    }

    public func claim(limit: Int) async throws -> [ClaimedPayout] {
        try await unitOfWork.transaction {
            try await $0.payoutQueue.claim(limit: limit, owner: owner, lease: leaseDuration)
        }
    }

    public func attempt(_ item: ClaimedPayout) async -> AttemptResult {
        switch await rail.send(item) {
        case .completed: await finalize(item, .completed)
        case .failed: await finalize(item, .failed)
        case .retry(let reason): .retry(reason: reason)
        case .unavailable(let failure): .unavailable(failure)
        }
    }

    /// A rail that keeps answering "not final yet" may still pay: failing the payout would refund money that
    /// could leave anyway, so an operator decides.
    public func exhaust(_ item: ClaimedPayout, attempts: Int) async -> AttemptResult {
        .park(reason: "the rail gave no final answer after \(attempts) attempts")
    }

    private func finalize(_ item: ClaimedPayout, _ target: PayoutStatus) async -> AttemptResult {
        do {
            return .finished(outcome: try await payouts.settle(item, to: target) ? target.rawValue : "lease_lost")
        } catch {
            return .interrupted(reason: "settlement failed: \(error)")
        }
    }
}
