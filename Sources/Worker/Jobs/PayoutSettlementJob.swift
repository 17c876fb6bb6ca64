public import Application
public import Domain
import Foundation
public import Logging

/// Sends payouts an admin moved to `processing` through the payment rail and finalizes them as `completed`
/// or `failed` — the same runtime as purchase confirmation, a different job.
public struct PayoutSettlementJob: Job {
    let unitOfWork: any UnitOfWork
    let payouts: PayoutService
    let rail: any PaymentRail
    let owner: String
    let leaseDuration: Duration
    let logger: Logger
    public let maxAttempts: Int

    public init(
        unitOfWork: any UnitOfWork, payouts: PayoutService, rail: any PaymentRail, owner: String,
        leaseDuration: Duration, maxAttempts: Int, logger: Logger
    ) {
        self.unitOfWork = unitOfWork
        self.payouts = payouts
        self.rail = rail
        self.owner = owner
        self.leaseDuration = leaseDuration
        self.maxAttempts = maxAttempts
        self.logger = logger
    }

    public var name: String { "payout_settlement" }

    public func id(of item: ClaimedPayout) -> PayoutID { item.payoutID }
    public func priorAttempts(of item: ClaimedPayout) -> Int { item.attempts }
    public func logMetadata(of item: ClaimedPayout) -> Logger.Metadata {
        ["payout_id": .string(item.payoutID.description)]
    }

    public func isEnabled() async -> Bool { true }

    public func claim(limit: Int) async throws -> [ClaimedPayout] {
        try await unitOfWork.read { try await $0.payoutQueue.claim(limit: limit, owner: owner, lease: leaseDuration) }
    }

    public func renewLeases(of ids: [PayoutID]) async throws {
        _ = try await unitOfWork.read {
            try await $0.payoutQueue.renew(owner: owner, payoutIDs: ids, lease: leaseDuration)
        }
    }

    public func attempt(_ item: ClaimedPayout, number: Int) async -> AttemptResult {
        switch await rail.send(payoutID: item.payoutID, attempt: number) {
        case .completed: await finalize(item, .completed)
        case .failed: await finalize(item, .failed)
        case .retry(let reason): .retry(reason: reason)
        }
    }

    public func scheduleRetry(_ item: ClaimedPayout, attempts: Int, after delay: Duration, reason: String) async -> Bool
    {
        do {
            return try await unitOfWork.read {
                try await $0.payoutQueue.reschedule(item, attempts: attempts, after: delay, error: reason)
            }
        } catch {
            logger.error("reschedule failed", metadata: failure(item, error))
            return false
        }
    }

    /// A rail that never answers definitively fails the payout, which refunds the user.
    public func exhaust(_ item: ClaimedPayout, attempts: Int) async -> AttemptResult {
        await finalize(item, .failed)
    }

    public func release(_ item: ClaimedPayout) async {
        do {
            try await unitOfWork.read { try await $0.payoutQueue.release(item) }
        } catch {
            logger.error("release failed", metadata: failure(item, error))
        }
    }

    private func failure(_ item: ClaimedPayout, _ error: any Error) -> Logger.Metadata {
        ["payout_id": .string(item.payoutID.description), "error": .string(String(describing: error))]
    }

    private func finalize(_ item: ClaimedPayout, _ target: PayoutStatus) async -> AttemptResult {
        do {
            return .finished(outcome: try await payouts.settle(item, to: target) ? target.rawValue : "lease_lost")
        } catch {
            return .interrupted(reason: "settlement failed: \(error)")
        }
    }
}
