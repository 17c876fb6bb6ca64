public import Domain
import Foundation

/// The worker's processor: applies one verification outcome atomically — still pending and still leased,
/// then wallet movement, ledger, audit, cashback status, queue row and `purchase_settled` — in one statement.
public struct PurchaseSettlement: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, clock: any WallClock) {
        self.unitOfWork = unitOfWork
        self.clock = clock
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

    /// One statement in the database (no explicit transaction); only when it applied nothing is the purchase
    /// read again, to say why.
    public func settle(_ claim: ClaimedVerification, _ decision: Decision) async throws -> Result {
        let now = clock.now()
        let (settlement, action, reason): (PurchaseTransitions.Settlement, AuditAction, String?) =
            switch decision {
            case .confirm: (.confirmation, .purchaseConfirmed, nil)
            case .reject(let why): (.rejection, .purchaseRejected, why)
            }
        let applied = try await unitOfWork.read {
            try await $0.purchases.settleIfPending(claim, as: settlement, action: action, reason: reason, at: now)
        }
        if applied { return decision == .confirm ? .confirmed : .rejected }
        guard let view = try await unitOfWork.read({ try await $0.purchases.find(id: claim.purchaseID) }) else {
            return .missing
        }
        return view.purchase.status == .pending ? .leaseLost : .alreadySettled(view.purchase.status)
    }

    /// The spec's force-rejection reason after the last soft failure (domain §12.3).
    public static func exhaustionReason(attempts: Int) -> String {
        "Bank reconciliation failed: no matching bank movement found after \(attempts) verification attempt(s)."
    }
}
