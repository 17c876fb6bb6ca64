public import Domain
import Foundation

/// The worker's processor: applies one verification outcome in one short transaction — purchase lock,
/// lease fence, status re-check, wallet movement, ledger, audit, cashback status, `purchase_settled`.
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

    public func settle(_ claim: ClaimedVerification, _ decision: Decision) async throws -> Result {
        let now = clock.now()
        return try await unitOfWork.transaction { repositories in
            guard
                let (purchase, leaseHeld) = try await repositories.purchases.lock(
                    id: claim.purchaseID, leaseToken: claim.leaseToken)
            else { return .missing }
            guard leaseHeld else { return .leaseLost }
            guard purchase.status == .pending else { return .alreadySettled(purchase.status) }
            let outcome: PurchaseTransitions.Outcome
            let action: AuditAction
            var reason: String?
            switch decision {
            case .confirm:
                outcome = try PurchaseTransitions.confirm(purchase)
                action = .purchaseConfirmed
            case .reject(let why):
                outcome = try PurchaseTransitions.reject(purchase)
                action = .purchaseRejected
                reason = why
            }
            let audit = PurchaseAudit.entry(
                for: purchase, outcome: outcome, action: action, actor: .system, at: now, reason: reason)
            try await repositories.purchases.applyTransition(purchase, outcome: outcome, audit: audit, at: now)
            return decision == .confirm ? .confirmed : .rejected
        }
    }

    /// The spec's force-rejection reason after the last soft failure (domain §12.3).
    public static func exhaustionReason(attempts: Int) -> String {
        "Bank reconciliation failed: no matching bank movement found after \(attempts) verification attempt(s)."
    }
}
