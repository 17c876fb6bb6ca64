import Application
import Domain
import Foundation

/// Queue fakes: claims hand out the whole queue; leases are tokens the fenced operations check.
struct InMemoryVerifications: VerificationQueueRepository {
    let working: WorkingCopy
    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedVerification] {
        working.state.withLock { state in
            state.queue.prefix(limit).compactMap { id -> ClaimedVerification? in
                guard let purchase = state.purchases.first(where: { $0.id == id }) else { return nil }
                let token = UUID()
                state.leases[id.uuid] = token
                return ClaimedVerification(
                    purchaseID: id, merchantID: purchase.merchantID, userID: purchase.userID, amount: purchase.amount,
                    currency: purchase.currency,
                    lease: QueueLease(itemID: id.uuid, token: token, attempts: 0, claims: 1, interruptions: 0),
                    enqueuedAt: purchase.createdAt)
            }
        }
    }
}

struct InMemoryPayoutQueue: PayoutQueueRepository {
    let working: WorkingCopy
    func claim(limit: Int, owner: String, lease: Duration) async throws -> [ClaimedPayout] {
        working.state.withLock { state in
            state.payouts.filter { $0.status == .processing }.prefix(limit).map { payout in
                let token = UUID()
                state.leases[payout.id.uuid] = token
                return ClaimedPayout(
                    payoutID: payout.id, userID: payout.userID, amount: payout.amount, idempotencyKey: UUID(),
                    lease: QueueLease(itemID: payout.id.uuid, token: token, attempts: 0, claims: 1, interruptions: 0))
            }
        }
    }
    func holdsLease(_ claim: ClaimedPayout) async throws -> Bool {
        working.state.withLock { $0.leases[claim.payoutID.uuid] == claim.leaseToken }
    }
}

/// The queue bookkeeping the use cases never call (the worker's runtime does): every fenced write just lets
/// go of the lease.
struct InMemoryJobQueue: JobQueueRepository {
    let working: WorkingCopy

    private func letGo(_ lease: QueueLease) -> QueueVerdict {
        working.state.withLock { state in
            guard state.leases[lease.itemID] == lease.token else { return .leaseLost }
            state.leases[lease.itemID] = nil
            return .rescheduled
        }
    }

    func renew(_ job: JobKind, owner: String, ids: [UUID], lease: Duration) async throws -> Int { ids.count }
    func retryBusiness(_ job: JobKind, _ lease: QueueLease, after delay: Duration, message: String) async throws
        -> QueueVerdict
    { letGo(lease) }
    func retryInfrastructure(
        _ job: JobKind, _ lease: QueueLease, after delay: Duration, failure: DownstreamFailure, horizon: Duration
    ) async throws -> QueueVerdict { letGo(lease) }
    func interrupt(_ job: JobKind, _ lease: QueueLease, after delay: Duration, message: String, maxInterruptions: Int)
        async throws -> QueueVerdict
    { letGo(lease) }
    func release(_ job: JobKind, _ lease: QueueLease, after delay: Duration) async throws { _ = letGo(lease) }
    func park(_ job: JobKind, _ lease: QueueLease, failure: FailureClass, message: String) async throws
        -> QueueVerdict
    { letGo(lease) == .leaseLost ? .leaseLost : .parked }
    func nextDue(_ job: JobKind) async throws -> Duration? { nil }
    func summary(_ job: JobKind) async throws -> JobQueueSummary {
        JobQueueSummary(job: job, counts: [:], oldestDueAgeSeconds: 0)
    }
    func items(_ job: JobKind, state: JobItemState?, page: PageRequest) async throws -> Page<JobItem> {
        Page(items: [], total: 0)
    }
    func item(_ job: JobKind, id: UUID) async throws -> JobItem? { nil }
    func inFlight(_ job: JobKind) async throws -> [WorkerLoad] { [] }
    func breakers(_ job: JobKind) async throws -> [BreakerReport] { [] }
    func reportBreaker(_ job: JobKind, worker: String, state: BreakerState) async throws {}
    func attemptsPerMinute(_ job: JobKind, since: Date) async throws -> [AttemptCount] { [] }
    func search(_ job: JobKind, _ search: JobSearch, limit: Int) async throws -> [JobItem] { [] }
    func attempts(_ job: JobKind, itemID: UUID, limit: Int) async throws -> [JobAttemptRecord] { [] }
    func redrive(_ job: JobKind, id: UUID) async throws -> Bool { false }
    func journal(_ records: [JobAttemptRecord]) async throws {}
    func pruneJournal(olderThan age: Duration, limit: Int) async throws -> Int { 0 }
}

/// A rate limit that always has a free slot.
struct InMemoryRateLimits: DownstreamRateLimitRepository {
    func reserve(_ downstream: Downstream, interval: Duration, maxWait: Duration) async throws -> Duration? { .zero }
}
