public import Domain
public import Foundation

/// Purchase ingestion (the thin API's hot path), queries, and the admin confirm and reverse actions.
public struct PurchaseService: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, clock: any WallClock) {
        self.unitOfWork = unitOfWork
        self.clock = clock
    }

    /// The result of an ingestion: the pending purchase and whether the monthly cap reduced its cashback.
    public struct Ingested: Equatable, Sendable {
        public let purchase: Purchase
        public let capApplied: Bool
    }

    /// Accepts a purchase as `pending` and credits its cashback to the pending balance, atomically.
    /// Checks run in the spec's order: ownership, duplicate, currency, user, merchant, offer.
    ///
    /// The monthly cap must be exact under concurrency (ADR 014): one read gives the offer, the cashback already
    /// earned and the wallet's version; one statement records everything only if the wallet is still at that
    /// version. When other writes to the same wallet keep winning, the ingestion falls back to holding the
    /// wallet's row lock.
    public func ingest(_ submission: PurchaseSubmission, by caller: User) async throws -> Ingested {
        guard submission.userID == caller.id else { throw PurchaseError.notOwnSubmission }
        return try await ingest(submission, owner: caller, actor: .user(caller.id))
    }

    /// A partner's ingestion (ADR 015): only for its merchants, for any active user; every other rule is the
    /// user path's. Audited with the partner as actor.
    public func ingest(_ submission: PurchaseSubmission, byPartner partner: Partner) async throws -> Ingested {
        guard partner.merchantIDs.contains(submission.merchantID) else {
            throw PartnerError.notPartnerMerchant(merchant: submission.merchantID)
        }
        guard let owner = try await unitOfWork.read({ try await $0.users.find(id: submission.userID) }) else {
            throw PurchaseError.userNotEligible(submission.userID)
        }
        return try await ingest(submission, owner: owner, actor: .partner(partner.id))
    }

    private func ingest(_ submission: PurchaseSubmission, owner caller: User, actor: AuditActor) async throws
        -> Ingested
    {
        for _ in 0..<Self.optimisticAttempts {
            let now = clock.now()
            let (offer, context) = try await unitOfWork.read { repositories in
                try await eligibleOffer(for: submission, caller: caller, at: now, repositories: repositories)
            }
            let draft = Self.draft(
                submission, offer: offer, earned: context.earnedThisMonth[offer.id] ?? .zero, actor: actor, at: now)
            let record = try await unitOfWork.read {
                try await $0.purchases.recordIngestion(
                    draft.ingested.purchase, audit: draft.audit,
                    walletGuard: .unchangedSince(version: context.walletVersion))
            }
            switch record {
            case .recorded: return draft.ingested
            case .duplicate: throw try await duplicate(of: submission.externalID)
            case .walletChanged: continue
            }
        }
        return try await ingestHoldingTheWalletLock(submission, by: caller, actor: actor)
    }

    /// Optimistic rounds before an ingestion serializes on the wallet lock.
    static let optimisticAttempts = 3

    private struct Refused: Error {}

    private func ingestHoldingTheWalletLock(_ submission: PurchaseSubmission, by caller: User, actor: AuditActor)
        async throws -> Ingested
    {
        let now = clock.now()
        let (offer, _) = try await unitOfWork.read { repositories in
            try await eligibleOffer(for: submission, caller: caller, at: now, repositories: repositories)
        }
        do {
            return try await unitOfWork.transaction { repositories in
                _ = try await repositories.wallets.lock(userID: submission.userID)
                let earned = try await repositories.purchases.cashbackEarned(
                    userID: submission.userID, offerID: offer.id, in: MonthWindow(containing: now))
                let draft = Self.draft(submission, offer: offer, earned: earned, actor: actor, at: now)
                let record = try await repositories.purchases.recordIngestion(
                    draft.ingested.purchase, audit: draft.audit, walletGuard: .locked)
                guard record == .recorded else { throw Refused() }
                return draft.ingested
            }
        } catch is Refused {
            throw try await duplicate(of: submission.externalID)
        }
    }

    /// A purchase's details, for its owner only, admins included (rule R-PURCHASE-DETAILS-OWNER, docs/rules.md).
    public func details(purchaseID rawID: String, caller: User) async throws -> PurchaseView {
        guard let id = PurchaseID(parsing: rawID),
            let view = try await unitOfWork.read({ try await $0.purchases.find(id: id) })
        else { throw PurchaseError.notFound(rawID) }
        guard view.purchase.userID == caller.id else {
            throw PurchaseError.notOwner(purchase: id, owner: view.purchase.userID, caller: caller.id)
        }
        return view
    }

    /// The caller's purchases, newest first.
    public func listMine(_ caller: User, status: PurchaseStatus?, page: PageRequest) async throws -> Page<PurchaseView>
    {
        try await unitOfWork.read { try await $0.purchases.listForUser(caller.id, status: status, page: page) }
    }

    /// Every purchase (admin), newest first.
    public func list(filter: PurchaseFilter, page: PageRequest) async throws -> Page<Purchase> {
        try await unitOfWork.read { try await $0.purchases.list(filter: filter, page: page) }
    }

    /// Admin confirmation of a pending purchase (T3), audited with the admin as actor.
    public func confirm(purchaseID rawID: String, by admin: UserID) async throws -> Purchase {
        try await transition(rawID, action: .purchaseConfirmed, actor: .admin(admin)) { purchase, _ in
            try PurchaseTransitions.confirm(purchase)
        }
    }

    /// Admin reversal of a pending or confirmed purchase (T5/T6); cashback already withdrawn becomes owed.
    public func reverse(purchaseID rawID: String, by admin: UserID) async throws -> Purchase {
        try await transition(rawID, action: .purchaseReversed, actor: .admin(admin)) { purchase, wallet in
            try PurchaseTransitions.reverse(purchase, from: wallet)
        }
    }

    private func eligibleOffer(
        for submission: PurchaseSubmission, caller: User, at now: Date, repositories: any Repositories
    ) async throws -> (Offer, IngestionContext) {
        let today = CalendarDate(utcDayOf: now)
        let context = try await repositories.purchases.ingestionContext(
            externalID: submission.externalID, merchantID: submission.merchantID, userID: submission.userID,
            on: today, month: MonthWindow(containing: now))
        if let existing = context.duplicate { throw PurchaseError.duplicate(existing) }
        guard submission.currency.uppercased() == "EUR" else {
            throw PurchaseError.unsupportedCurrency(submission.currency)
        }
        guard caller.active else { throw PurchaseError.userNotEligible(caller.id) }
        guard let merchant = context.merchant, merchant.active else {
            throw PurchaseError.merchantNotEligible(submission.merchantID)
        }
        guard let offer = OfferSelection.choose(among: context.candidateOffers, on: today) else {
            throw PurchaseError.offerNotAvailable(merchant.id)
        }
        return (offer, context)
    }

    /// The pending purchase and its audit row, with the cashback quoted against what was already earned.
    static func draft(
        _ submission: PurchaseSubmission, offer: Offer, earned: Money, actor: AuditActor, at now: Date
    ) -> (
        ingested: Ingested, audit: AuditEntry
    ) {
        let quote = CashbackCalculator.quote(
            rule: offer.cashback, amount: submission.amount, monthlyCap: offer.monthlyCapPerUser, alreadyEarned: earned)
        let purchase = Purchase(
            id: .random(), externalID: submission.externalID, userID: submission.userID,
            merchantID: submission.merchantID, offerID: offer.id, amount: submission.amount,
            cashbackAmount: quote.amount, currency: submission.currency, status: .pending, createdAt: now)
        let audit = AuditEntry(
            occurredAt: now, actor: actor, action: .purchaseIngested, resourceType: "purchase",
            resourceID: purchase.id.description,
            details: [
                "merchant_id": purchase.merchantID.description, "offer_id": offer.id.description,
                "amount": purchase.amount.description, "cashback_amount": quote.amount.description,
                "cap_applied": String(quote.capApplied),
            ])
        return (Ingested(purchase: purchase, capApplied: quote.capApplied), audit)
    }

    private func duplicate(of externalID: String) async throws -> PurchaseError {
        guard let existing = try await unitOfWork.read({ try await $0.purchases.find(externalID: externalID) }) else {
            return PurchaseError.notFound(externalID)
        }
        return PurchaseError.duplicate(existing)
    }

    /// Locks the purchase, then the wallet, decides from the status read under the lock, repays any debt from
    /// the cashback it makes available, then applies the outcome with its audit row.
    private func transition(
        _ rawID: String, action: AuditAction, actor: AuditActor,
        _ decide: @Sendable (Purchase, Wallet) throws -> PurchaseTransitions.Outcome
    ) async throws -> Purchase {
        guard let id = PurchaseID(parsing: rawID) else { throw PurchaseError.notFound(rawID) }
        let now = clock.now()
        return try await unitOfWork.transaction { repositories in
            guard let purchase = try await repositories.purchases.lock(id: id) else {
                throw PurchaseError.notFound(rawID)
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
                createdAt: purchase.createdAt)
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
