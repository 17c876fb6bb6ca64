public import Application
public import Domain
import Foundation
public import Logging

/// Verifies pending purchases: claim from the verification queue, ask the bank, settle through
/// `PurchaseSettlement`. Paused while `purchase_confirmation_job` is disabled globally.
public struct PurchaseConfirmationJob: Job {
    let unitOfWork: any UnitOfWork
    let settlement: PurchaseSettlement
    let verifier: any PurchaseVerifier
    let owner: String
    let leaseDuration: Duration
    let logger: Logger
    public let maxAttempts: Int

    public init(
        unitOfWork: any UnitOfWork, settlement: PurchaseSettlement, verifier: any PurchaseVerifier, owner: String,
        leaseDuration: Duration, maxAttempts: Int, logger: Logger
    ) {
        self.unitOfWork = unitOfWork
        self.settlement = settlement
        self.verifier = verifier
        self.owner = owner
        self.leaseDuration = leaseDuration
        self.maxAttempts = maxAttempts
        self.logger = logger
    }

    public var name: String { "purchase_confirmation" }

    public func id(of item: ClaimedVerification) -> PurchaseID { item.purchaseID }
    public func priorAttempts(of item: ClaimedVerification) -> Int { item.attempts }
    public func logMetadata(of item: ClaimedVerification) -> Logger.Metadata {
        ["purchase_id": .string(item.purchaseID.description)]
    }

    /// Fail-open: an unreadable flag does not stop the job (the claim itself would fail anyway).
    public func isEnabled() async -> Bool {
        let flag = try? await unitOfWork.read {
            try await $0.featureFlags.find(key: FeatureFlagKey.purchaseConfirmationJob.value, scope: .global)
        }
        return flag?.enabled ?? true
    }

    public func claim(limit: Int) async throws -> [ClaimedVerification] {
        try await unitOfWork.read { try await $0.verifications.claim(limit: limit, owner: owner, lease: leaseDuration) }
    }

    public func renewLeases(of ids: [PurchaseID]) async throws {
        _ = try await unitOfWork.read {
            try await $0.verifications.renew(owner: owner, purchaseIDs: ids, lease: leaseDuration)
        }
    }

    public func attempt(_ item: ClaimedVerification, number: Int) async -> AttemptResult {
        switch await verifier.verify(purchaseID: item.purchaseID, merchantID: item.merchantID, attempt: number) {
        case .confirmed: await settle(item, .confirm)
        case .rejected(let reason): await settle(item, .reject(reason: reason))
        case .pending(let reason): .retry(reason: reason)
        }
    }

    public func scheduleRetry(_ item: ClaimedVerification, attempts: Int, after delay: Duration, reason: String) async
        -> Bool
    {
        do {
            return try await unitOfWork.read {
                try await $0.verifications.reschedule(item, attempts: attempts, after: delay, error: reason)
            }
        } catch {
            logger.error("reschedule failed", metadata: failure(item, error))
            return false
        }
    }

    public func exhaust(_ item: ClaimedVerification, attempts: Int) async -> AttemptResult {
        await settle(item, .reject(reason: PurchaseSettlement.exhaustionReason(attempts: maxAttempts)))
    }

    public func release(_ item: ClaimedVerification) async {
        do {
            try await unitOfWork.read { try await $0.verifications.release(item) }
        } catch {
            logger.error("release failed", metadata: failure(item, error))
        }
    }

    private func settle(_ item: ClaimedVerification, _ decision: PurchaseSettlement.Decision) async -> AttemptResult {
        do {
            let result = try await settlement.settle(item, decision)
            if result == .leaseLost { WorkerMetrics.leaseLost(job: name) }
            if result == .confirmed || result == .rejected {
                WorkerMetrics.settled(outcome: Self.label(result))
                let latency = Date().timeIntervalSince(item.enqueuedAt) * 1000
                WorkerMetrics.ingestToSettle(.microseconds(Int64(latency * 1000)))
                logger.debug(
                    "settled",
                    metadata: [
                        "purchase_id": .string(item.purchaseID.description),
                        "ingest_to_settle_ms": .string(String(format: "%.2f", latency)),
                    ])
            }
            return .finished(outcome: Self.label(result))
        } catch {
            return .interrupted(reason: "settlement failed: \(error)")
        }
    }

    private func failure(_ item: ClaimedVerification, _ error: any Error) -> Logger.Metadata {
        ["purchase_id": .string(item.purchaseID.description), "error": .string(String(describing: error))]
    }

    static func label(_ result: PurchaseSettlement.Result) -> String {
        switch result {
        case .confirmed: "confirmed"
        case .rejected: "rejected"
        case .alreadySettled: "already_settled"
        case .leaseLost: "lease_lost"
        case .missing: "missing"
        }
    }
}
