public import Domain
public import Foundation

/// Purchase ingestion (the thin API's hot path), queries, and the admin confirm and reverse actions.
public struct PurchaseService: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock
    let rounds: IngestionRounds

    public init(unitOfWork: any UnitOfWork, clock: any WallClock) {
        (self.unitOfWork, self.clock) = (unitOfWork, clock)
        rounds = IngestionRounds(unitOfWork: unitOfWork, clock: clock)
    }

    /// The result of an ingestion: the pending purchase and whether the monthly cap reduced its cashback.
    public struct Ingested: Equatable, Sendable {
        public let purchase: Purchase
        public let capApplied: Bool

        init(_ draft: IngestionDraft) {
            purchase = draft.purchase
            capApplied = draft.capApplied
        }
    }

    /// Accepts a purchase as `pending` and credits its cashback to the pending balance, atomically, with the
    /// checks of `IngestionPolicy` in their order.
    ///
    /// The monthly cap must be exact under concurrency (ADR 014): one read gives the offer, the cashback already
    /// earned and the wallet's version; one statement records everything only if the wallet is still at that
    /// version. When other writes to the same wallet keep winning, the ingestion falls back to holding the
    /// wallet's row lock. Concurrent ingestions share their read and their record statement (`IngestionRounds`,
    /// ADR 035).
    public func ingest(_ submission: PurchaseSubmission, by submitter: Submitter) async throws -> Ingested {
        try IngestionPolicy.checkSubmitter(submitter, of: submission)
        for _ in 0..<Self.optimisticAttempts {
            switch try await rounds.attempt(submission, by: submitter) {
            case .written(let draft): return Ingested(draft)
            case .readAgain: continue
            case .duplicate: throw try await duplicate(of: submission.externalID, in: submitter.namespace)
            }
        }
        return try await ingestHoldingTheWalletLock(submission, by: submitter)
    }

    /// Optimistic rounds before an ingestion serializes on the wallet lock.
    static let optimisticAttempts = 3

    private struct Refused: Error {}

    private func ingestHoldingTheWalletLock(_ submission: PurchaseSubmission, by submitter: Submitter)
        async throws -> Ingested
    {
        let now = clock.now()
        let contexts = try await unitOfWork.withConnection {
            try await IngestionRounds.contexts(
                of: [IngestionRounds.Attempt(submission: submission, submitter: submitter)], at: now, $0)
        }
        guard let context = contexts.first else { throw GroupCommitError.resultCountMismatch }
        try IngestionPolicy.checkCaller(submitter, in: context)
        let offer = try IngestionPolicy.eligibleOffer(for: submission, in: context, on: CalendarDate(utcDayOf: now))
        do {
            return try await unitOfWork.transaction { repositories in
                _ = try await repositories.wallets.lock(userID: submission.userID)
                let earned = try await repositories.purchases.cashbackEarned(
                    userID: submission.userID, offerID: offer.id, in: MonthWindow(containing: now))
                let draft = IngestionPolicy.draft(
                    submission, offer: offer, alreadyEarned: earned, by: submitter, at: now)
                let record = try await repositories.purchases.recordIngestions([draft], walletGuard: .locked)
                guard record == .recorded([draft.purchase.id]) else { throw Refused() }
                return Ingested(draft)
            }
        } catch is Refused {
            throw try await duplicate(of: submission.externalID, in: submitter.namespace)
        }
    }

    /// A purchase's details, for its owner only, admins included (rule R-PURCHASE-DETAILS-OWNER, docs/rules.md).
    public func details(purchaseID id: PurchaseID, caller: User) async throws -> PurchaseView {
        guard let view = try await unitOfWork.withConnection({ try await $0.purchases.find(id: id) }) else {
            throw PurchaseError.notFound(id.description)
        }
        guard view.purchase.userID == caller.id else {
            throw PurchaseError.notOwner(purchase: id, owner: view.purchase.userID, caller: caller.id)
        }
        return view
    }

    /// The caller's purchases, newest first.
    public func listMine(_ caller: User, status: PurchaseStatus?, page: PageRequest) async throws -> Page<PurchaseView>
    {
        try await unitOfWork.withConnection {
            try await $0.purchases.listForUser(caller.id, status: status, page: page)
        }
    }

    /// Every purchase (admin), newest first.
    public func list(filter: PurchaseFilter, page: PageRequest) async throws -> Page<Purchase> {
        try await unitOfWork.withConnection { try await $0.purchases.list(filter: filter, page: page) }
    }

    /// Admin confirmation of a pending purchase (T3), audited with the admin as actor.
    public func confirm(purchaseID id: PurchaseID, by admin: UserID) async throws -> Purchase {
        try await transition(id, action: .purchaseConfirmed, actor: .admin(admin)) { purchase, _ in
            try PurchaseTransitions.confirm(purchase)
        }
    }

    /// Admin reversal of a pending or confirmed purchase (T5/T6); cashback already withdrawn becomes owed.
    public func reverse(purchaseID id: PurchaseID, by admin: UserID) async throws -> Purchase {
        try await transition(id, action: .purchaseReversed, actor: .admin(admin)) { purchase, wallet in
            try PurchaseTransitions.reverse(purchase, from: wallet)
        }
    }

    private func duplicate(of externalID: String, in namespace: PartnerID?) async throws -> PurchaseError {
        guard
            let existing = try await unitOfWork.withConnection({
                try await $0.purchases.find(externalID: externalID, namespace: namespace)
            })
        else {
            return PurchaseError.notFound(externalID)
        }
        return PurchaseError.duplicate(existing)
    }

    /// Locks the purchase, then the wallet, decides from the status read under the lock, repays any debt from
    /// the cashback it makes available, then applies the outcome with its audit row.
    private func transition(
        _ id: PurchaseID, action: AuditAction, actor: AuditActor,
        _ decide: @escaping @Sendable (Purchase, Wallet) throws -> PurchaseTransitions.Outcome
    ) async throws -> Purchase {
        let now = clock.now()
        return try await unitOfWork.transaction { repositories in
            guard let purchase = try await repositories.purchases.lock(id: id) else {
                throw PurchaseError.notFound(id.description)
            }
            let wallet = try await repositories.wallets.lock(userID: purchase.userID)
            let outcome = try decide(purchase, wallet).repayingDebt(of: wallet)
            guard wallet.canApply(outcome.movements) else { throw WalletError.balanceWouldBeNegative(wallet.userID) }
            let audit = PurchaseAudit.entry(for: purchase, outcome: outcome, action: action, actor: actor, at: now)
            try await repositories.purchases.applyTransition(purchase, outcome: outcome, audit: audit, at: now)
            return Purchase(
                id: purchase.id, externalID: purchase.externalID, userID: purchase.userID,
                merchantID: purchase.merchantID, offerID: purchase.offerID, amount: purchase.amount,
                cashbackAmount: outcome.cashbackAmount, currency: purchase.currency, status: outcome.status,
                createdAt: purchase.createdAt, partnerID: purchase.partnerID)
        }
    }
}

/// The audit rows of purchase transitions (rule R-AUDIT, docs/rules.md).
public enum PurchaseAudit {
    public static func entry(
        for purchase: Purchase, outcome: PurchaseTransitions.Outcome, action: AuditAction, actor: AuditActor,
        at instant: Date, reason: String? = nil
    ) -> AuditEntry {
        var details = [
            "merchant_id": purchase.merchantID.description, "amount": purchase.amount.description,
            "currency": purchase.currency, "prior_status": purchase.status.rawValue,
        ]
        if outcome.status == .confirmed { details["cashback_amount"] = purchase.cashbackAmount.description }
        if let reason { details["reason"] = reason }
        return AuditEntry(
            occurredAt: instant, actor: actor, action: action, resourceType: "purchase",
            resourceID: purchase.id.description, details: details)
    }
}
