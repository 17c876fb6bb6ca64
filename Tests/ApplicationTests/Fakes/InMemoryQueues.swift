import Application
import Domain
import Foundation

/// Queue fakes: claims hand out the whole queue; leases are tokens the fenced operations check.
struct InMemoryVerifications: VerificationQueueRepository {
    let working: WorkingCopy
    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedVerification] {
        working.state.withLock { state in
            state.queue.prefix(limit).compactMap { id in
                guard let purchase = state.purchases.first(where: { $0.id == id }) else { return nil }
                let token = UUID()
                state.leases[id.uuid] = token
                return ClaimedVerification(
                    purchaseID: id, merchantID: purchase.merchantID, attempts: 0, leaseToken: token,
                    enqueuedAt: purchase.createdAt)
            }
        }
    }
    func renew(owner: String, purchaseIDs: [PurchaseID], lease: Duration) async throws -> Int { purchaseIDs.count }
    func reschedule(_ claim: ClaimedVerification, attempts: Int, after delay: Duration, error: String) async throws
        -> Bool
    {
        working.state.withLock { $0.leases[claim.purchaseID.uuid] == claim.leaseToken }
    }
    func release(_ claim: ClaimedVerification) async throws {
        _ = working.state.withLock { $0.leases.removeValue(forKey: claim.purchaseID.uuid) }
    }
}

struct InMemoryPayoutQueue: PayoutQueueRepository {
    let working: WorkingCopy
    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedPayout] {
        working.state.withLock { state in
            state.payouts.filter { $0.status == .processing }.prefix(limit).map { payout in
                let token = UUID()
                state.leases[payout.id.uuid] = token
                return ClaimedPayout(payoutID: payout.id, attempts: 0, leaseToken: token)
            }
        }
    }
    func renew(owner: String, payoutIDs: [PayoutID], lease: Duration) async throws -> Int { payoutIDs.count }
    func reschedule(_ claim: ClaimedPayout, attempts: Int, after delay: Duration, error: String) async throws -> Bool {
        working.state.withLock { $0.leases[claim.payoutID.uuid] == claim.leaseToken }
    }
    func release(_ claim: ClaimedPayout) async throws {
        _ = working.state.withLock { $0.leases.removeValue(forKey: claim.payoutID.uuid) }
    }
    func holdsLease(_ claim: ClaimedPayout) async throws -> Bool {
        working.state.withLock { $0.leases[claim.payoutID.uuid] == claim.leaseToken }
    }
}
