public import Domain
import Foundation

/// The worker's processor: applies one verification outcome atomically — still pending and still leased,
/// then wallet movement, ledger, audit, cashback status, queue row and `purchase_settled` — in one statement,
/// shared with the other runners settling at the same moment (group commit, ADR 013).
public struct PurchaseSettlement: Sendable {
    let unitOfWork: any UnitOfWork
    let writer: GroupCommit<PendingSettlement, Bool>

    /// `maxBatch` bounds how many settles one statement carries.
    public init(unitOfWork: any UnitOfWork, clock: any WallClock, maxBatch: Int = 256) {
        self.unitOfWork = unitOfWork
        self.writer = GroupCommit(maxBatch: maxBatch) { batch in
            await Self.write(batch, unitOfWork: unitOfWork, at: clock.now())
        }
    }

    /// What happened to the purchase.
    public enum Result: Equatable, Sendable {
        case confirmed
        case rejected
        /// An admin (or another worker) settled it first; nothing was changed.
        case alreadySettled(PurchaseStatus)
        /// This worker's lease expired and someone else holds the item; nothing was changed.
        case leaseLost
        case missing
    }

    public enum Decision: Equatable, Sendable {
        case confirm
        case reject(reason: String)
    }

    /// One statement in the database (no explicit transaction, possibly carrying other runners' settles); only
    /// when it applied nothing is the purchase read again, to say why.
    public func settle(_ claim: ClaimedVerification, _ decision: Decision) async throws -> Result {
        let request: PendingSettlement =
            switch decision {
            case .confirm:
                PendingSettlement(claim: claim, settlement: .confirmation, action: .purchaseConfirmed, reason: nil)
            case .reject(let why):
                PendingSettlement(claim: claim, settlement: .rejection, action: .purchaseRejected, reason: why)
            }
        if try await writer.submit(request) { return decision == .confirm ? .confirmed : .rejected }
        guard let view = try await unitOfWork.withConnection({ try await $0.purchases.find(id: claim.purchaseID) })
        else {
            return .missing
        }
        return view.purchase.status == .pending ? .leaseLost : .alreadySettled(view.purchase.status)
    }

    /// Writes a batch; when the batch statement fails (a deadlock, one bad row) each settle is retried alone,
    /// so one item cannot fail the others.
    static func write(_ batch: [PendingSettlement], unitOfWork: any UnitOfWork, at instant: Date) async
        -> [Swift.Result<Bool, any Error>]
    {
        do {
            let applied = try await unitOfWork.withConnection {
                try await $0.purchases.settleIfPending(batch, at: instant)
            }
            return batch.map { .success(applied.contains($0.claim.purchaseID)) }
        } catch  where batch.count > 1 {
            var results: [Swift.Result<Bool, any Error>] = []
            for request in batch {
                results += await write([request], unitOfWork: unitOfWork, at: instant)
            }
            return results
        } catch {
            return [.failure(error)]
        }
    }

    /// The force-rejection reason after the last soft failure (rule R-VERIFICATION, docs/rules.md).
    public static func exhaustionReason(attempts: Int) -> String {
        "Bank reconciliation failed: no matching bank movement found after \(attempts) verification attempt(s)."
    }
}
