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
        (
            self.unitOfWork, self.settlement, self.verifier, self.owner, self.leaseDuration, self.maxAttempts,
            self.logger
        ) = (unitOfWork, settlement, verifier, owner, leaseDuration, maxAttempts, logger)
    }

    public var kind: JobKind { .purchaseConfirmation }

    public func lease(of item: ClaimedVerification) -> QueueLease { item.lease }
    public func logMetadata(of item: ClaimedVerification) -> Logger.Metadata {
        ["purchase_id": .string(item.purchaseID.description)]
    }

    public func claim(limit: Int) async throws -> [ClaimedVerification] {
        try await unitOfWork.transaction {
            try await $0.verifications.claim(limit: limit, owner: owner, lease: leaseDuration)
        }
    }

    public func attempt(_ item: ClaimedVerification) async -> AttemptResult {
        switch await verifier.verify(item) {
        case .confirmed: await settle(item, .confirm)
        case .rejected(let reason): await settle(item, .reject(reason: reason))
        case .pending(let reason): .retry(reason: reason)
        case .unavailable(let failure): .unavailable(failure)
        }
    }

    /// The spec's rejection after the last "no matching movement yet".
    public func exhaust(_ item: ClaimedVerification, attempts: Int) async -> AttemptResult {
        await settle(item, .reject(reason: PurchaseSettlement.exhaustionReason(attempts: attempts)))
    }

    private func settle(_ item: ClaimedVerification, _ decision: PurchaseSettlement.Decision) async -> AttemptResult {
        do {
            let result = try await settlement.settle(item, decision)
            if result == .leaseLost { WorkerMetrics.leaseLost(job: kind.rawValue) }
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
