public import Domain
import Foundation

/// Withdrawals: users request payouts of available money; admins (or the settlement job) process them.
public struct PayoutService: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock
    /// `PAYOUT_MINIMUM_AMOUNT`: the smallest withdrawal accepted.
    let minimumAmount: Money

    public init(unitOfWork: any UnitOfWork, clock: any WallClock, minimumAmount: Money) {
        (self.unitOfWork, self.clock, self.minimumAmount) = (unitOfWork, clock, minimumAmount)
    }

    /// A payout and whether it was created by an earlier request with the same idempotency key.
    public struct Requested: Equatable, Sendable {
        public let payout: Payout
        public let replayed: Bool
    }

    /// Moves `amount` out of the available balance into a `requested` payout, under the wallet lock.
    /// Repeating a request with the same idempotency key answers the first payout and moves nothing.
    public func request(_ request: PayoutRequest, by userID: UserID) async throws -> Requested {
        let violations = PayoutPolicy.violations(of: request, minimum: minimumAmount)
        guard violations.isEmpty else { throw PayoutError.policyViolation(violations) }
        let now = clock.now()
        return try await unitOfWork.transaction { repositories in
            // The wallet lock first: it serializes this user's requests, so a concurrent retry with the same
            // key sees the first request's payout instead of racing it for the balance.
            let wallet = try await repositories.wallets.lock(userID: userID)
            if let replay = try await replayed(request, userID: userID, repositories: repositories) { return replay }
            guard wallet.available >= request.amount else {
                throw PayoutError.insufficientBalance(
                    requested: request.amount, available: wallet.available, pending: wallet.pending, owed: wallet.owed)
            }
            let payout = Payout(
                id: .random(), userID: userID, amount: request.amount, method: request.method, details: request.details,
                status: .requested, idempotencyKey: request.idempotencyKey, requestedAt: now, processedAt: nil,
                externalReference: nil)
            guard try await repositories.payouts.insert(payout) else {
                guard let replay = try await replayed(request, userID: userID, repositories: repositories) else {
                    throw PayoutError.idempotencyKeyReused(request.idempotencyKey ?? "")
                }
                return replay
            }
            try await repositories.wallets.apply([PayoutPolicy.requestMovement(payout)])
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: now, actor: .user(userID), action: .withdrawalRequested, resourceType: "payout",
                    resourceID: payout.id.description,
                    details: ["amount": payout.amount.description, "method": payout.method.rawValue]))
            return Requested(payout: payout, replayed: false)
        }
    }

    public func list(userID: UserID?, status: PayoutStatus?, page: PageRequest) async throws -> Page<Payout> {
        try await unitOfWork.withConnection { try await $0.payouts.list(userID: userID, status: status, page: page) }
    }

    /// Moves a payout to `target` once: completion adds to the paid balance, failure refunds available.
    public func process(payoutID id: PayoutID, to target: PayoutStatus, actor: AuditActor) async throws -> Payout {
        let now = clock.now()
        return try await unitOfWork.transaction { repositories in
            guard let payout = try await repositories.payouts.lock(id: id) else {
                throw PayoutError.notFound(id.description)
            }
            let movements = try await Self.movements(processing: payout, to: target, repositories: repositories)
            let processedAt = target == .processing ? nil : now
            try await repositories.payouts.update(id: id, status: target, processedAt: processedAt)
            try await repositories.wallets.apply(movements)
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: now, actor: actor, action: .withdrawalProcessed, resourceType: "payout",
                    resourceID: id.description,
                    details: [
                        "from": payout.status.rawValue, "to": target.rawValue, "amount": payout.amount.description,
                    ]))
            return Payout(
                id: payout.id, userID: payout.userID, amount: payout.amount, method: payout.method,
                details: payout.details, status: target, idempotencyKey: payout.idempotencyKey,
                requestedAt: payout.requestedAt, processedAt: processedAt, externalReference: payout.externalReference)
        }
    }

    /// The settlement job's final step for a claimed `processing` payout, fenced by its lease: returns `false`
    /// and changes nothing when the lease was lost or the payout is no longer processing.
    public func settle(_ claim: ClaimedPayout, to target: PayoutStatus) async throws -> Bool {
        let now = clock.now()
        return try await unitOfWork.transaction { repositories in
            guard let payout = try await repositories.payouts.lock(id: claim.payoutID),
                try await repositories.payoutQueue.holdsLease(claim), payout.status == .processing
            else { return false }
            let movements = try await Self.movements(processing: payout, to: target, repositories: repositories)
            try await repositories.payouts.update(id: payout.id, status: target, processedAt: now)
            try await repositories.wallets.apply(movements)
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: now, actor: .system, action: .withdrawalProcessed, resourceType: "payout",
                    resourceID: payout.id.description,
                    details: [
                        "from": payout.status.rawValue, "to": target.rawValue, "amount": payout.amount.description,
                    ]))
            return true
        }
    }

    /// A transition's movements; a refund to the available bucket first repays what the user owes, read under
    /// the wallet lock (taken after the payout's, ADR 009).
    private static func movements(processing payout: Payout, to target: PayoutStatus, repositories: any Repositories)
        async throws -> [LedgerMovement]
    {
        let movements = try PayoutPolicy.process(payout, to: target)
        guard movements.contains(where: { $0.bucket == .available && $0.delta > .zero }) else { return movements }
        let wallet = try await repositories.wallets.lock(userID: payout.userID)
        return DebtRepayment.applied(to: movements, against: wallet)
    }

    /// The earlier payout for the same idempotency key, if the request repeats it exactly.
    private func replayed(_ request: PayoutRequest, userID: UserID, repositories: any Repositories) async throws
        -> Requested?
    {
        guard let key = request.idempotencyKey,
            let existing = try await repositories.payouts.find(userID: userID, idempotencyKey: key)
        else { return nil }
        guard existing.amount == request.amount, existing.method == request.method, existing.details == request.details
        else {
            throw PayoutError.idempotencyKeyReused(key)
        }
        return Requested(payout: existing, replayed: true)
    }
}
