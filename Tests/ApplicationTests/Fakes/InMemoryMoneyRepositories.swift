import Application
import Domain
import Foundation

extension StoreState {
    /// Applies movements like the database: balances change, ledger rows append, negatives are refused.
    mutating func apply(_ movements: [LedgerMovement]) throws {
        for movement in movements {
            let wallet =
                wallets[movement.userID]
                ?? Wallet(userID: movement.userID, pending: .zero, available: .zero, paid: .zero)
            func change(_ bucket: WalletBucket) -> Money { movement.bucket == bucket ? movement.delta : .zero }
            let changed = Wallet(
                userID: wallet.userID, pending: wallet.pending + change(.pending),
                available: wallet.available + change(.available), paid: wallet.paid + change(.paid),
                owed: wallet.owed + change(.owed))
            guard WalletBucket.allCases.allSatisfy({ changed.balance(of: $0) >= .zero }) else {
                throw WalletError.balanceWouldBeNegative(movement.userID)
            }
            wallets[movement.userID] = changed
            ledger.append(movement)
        }
    }
}

struct InMemoryPurchases: PurchaseRepository {
    let working: WorkingCopy
    func find(externalID: String, namespace: PartnerID?) async throws -> Purchase? {
        working.state.withLock {
            $0.purchases.first { $0.externalID == externalID && $0.partnerID == namespace }
        }
    }
    func ingestionContexts(
        of submissions: [PurchaseSubmission], in namespaces: [PartnerID?], on day: CalendarDate, month: MonthWindow
    ) async throws -> [IngestionContext] {
        var contexts: [IngestionContext] = []
        for (submission, namespace) in zip(submissions, namespaces) {
            contexts.append(
                try await ingestionContext(
                    externalID: submission.externalID, namespace: namespace, merchantID: submission.merchantID,
                    userID: submission.userID, on: day, month: month))
        }
        return contexts
    }

    private func ingestionContext(
        externalID: String, namespace: PartnerID?, merchantID: MerchantID, userID: UserID, on day: CalendarDate,
        month: MonthWindow
    ) async throws -> IngestionContext {
        let offers = working.state.withLock { state in
            state.offers.filter { $0.merchantID == merchantID && $0.active && $0.isValid(on: day) }
        }
        var earned: [OfferID: Money] = [:]
        for offer in offers {
            earned[offer.id] = try await cashbackEarned(userID: userID, offerID: offer.id, in: month)
        }
        return working.state.withLock { state in
            IngestionContext(
                duplicate: state.purchases.first { $0.externalID == externalID && $0.partnerID == namespace },
                ownerExists: state.users.contains { $0.id == userID },
                ownerActive: state.users.first { $0.id == userID }?.active ?? false,
                merchant: state.merchants.first { $0.id == merchantID }, candidateOffers: offers,
                earnedThisMonth: earned, walletVersion: state.wallets[userID] == nil ? nil : 0)
        }
    }
    func find(id: PurchaseID) async throws -> PurchaseView? {
        working.state.withLock { state in
            state.purchases.first { $0.id == id }.map { purchase in
                PurchaseView(
                    purchase: purchase,
                    merchantName: state.merchants.first { $0.id == purchase.merchantID }?.name ?? "Unknown",
                    cashbackStatus: state.cashbackTransactions.first { $0.purchaseID == purchase.id }?.status)
            }
        }
    }
    func lock(id: PurchaseID) async throws -> Purchase? {
        working.state.withLock { $0.purchases.first { $0.id == id } }
    }
    func cashbackEarned(userID: UserID, offerID: OfferID, in window: MonthWindow) async throws -> Money {
        working.state.withLock { state in
            state.purchases.filter {
                $0.userID == userID && $0.offerID == offerID && [.pending, .confirmed].contains($0.status)
                    && $0.createdAt >= window.start && $0.createdAt < window.end
            }.reduce(Money.zero) { $0 + $1.cashbackAmount }
        }
    }
    /// Records nothing for optimistic calls while `StoreState.walletConflicts` lasts (as if each wallet had
    /// changed since it was read), so tests can drive the retry and the locking fallback.
    func recordIngestions(_ drafts: [IngestionDraft], walletGuard: WalletGuard) async throws -> IngestionRecord {
        try working.state.withLock { state in
            if walletGuard != .locked && state.walletConflicts > 0 {
                state.walletConflicts -= 1
                return .recorded([])
            }
            let taken = drafts.contains { draft in
                state.purchases.contains {
                    $0.externalID == draft.purchase.externalID && $0.partnerID == draft.purchase.partnerID
                }
            }
            guard !taken else { return .duplicate }
            for draft in drafts {
                let purchase = draft.purchase
                state.purchases.append(purchase)
                state.cashbackTransactions.append(
                    CashbackTransaction(
                        id: UUID(), userID: purchase.userID, purchaseID: purchase.id, amount: purchase.cashbackAmount,
                        status: .pending, createdAt: purchase.createdAt))
                try state.apply(draft.movements)
                state.audit.append(draft.audit)
                state.queue.insert(purchase.id)
                state.notifications.append("purchase_ingested:\(purchase.id)")
            }
            return .recorded(Set(drafts.map(\.purchase.id)))
        }
    }
    func applyTransition(
        _ purchase: Purchase, outcome: PurchaseTransitions.Outcome, audit: AuditEntry, at instant: Date
    ) async throws {
        try working.state.withLock { state in
            state.purchases = state.purchases.map { old in
                guard old.id == purchase.id else { return old }
                return Purchase(
                    id: old.id, externalID: old.externalID, userID: old.userID, merchantID: old.merchantID,
                    offerID: old.offerID, amount: old.amount, cashbackAmount: outcome.cashbackAmount,
                    currency: old.currency, status: outcome.status, createdAt: old.createdAt, partnerID: old.partnerID)
            }
            state.cashbackTransactions = state.cashbackTransactions.map { old in
                guard old.purchaseID == purchase.id else { return old }
                return CashbackTransaction(
                    id: old.id, userID: old.userID, purchaseID: old.purchaseID, amount: old.amount,
                    status: outcome.cashbackStatus, createdAt: old.createdAt)
            }
            try state.apply(outcome.movements)
            state.audit.append(audit)
            state.queue.remove(purchase.id)
            state.notifications.append("purchase_settled:\(purchase.id)")
        }
    }
    func settleIfPending(_ batch: [PendingSettlement], at instant: Date) async throws -> Set<PurchaseID> {
        var applied: Set<PurchaseID> = []
        for request in batch {
            let claim = request.claim
            guard let purchase = working.state.withLock({ $0.purchases.first { $0.id == claim.purchaseID } }),
                purchase.status == .pending,
                working.state.withLock({ $0.leases[claim.purchaseID.uuid] == claim.leaseToken })
            else { continue }
            let wallet =
                working.state.withLock { $0.wallets[purchase.userID] }
                ?? Wallet(userID: purchase.userID, pending: .zero, available: .zero, paid: .zero)
            let outcome = try PurchaseTransitions.settle(purchase, request.settlement).repayingDebt(of: wallet)
            try await applyTransition(
                purchase, outcome: outcome,
                audit: PurchaseAudit.entry(
                    for: purchase, outcome: outcome, action: request.action, actor: .system, at: instant,
                    reason: request.reason),
                at: instant)
            applied.insert(purchase.id)
        }
        return applied
    }
    func listForUser(_ userID: UserID, status: PurchaseStatus?, page: PageRequest) async throws -> Page<PurchaseView> {
        working.state.withLock { state in
            paged(
                state.purchases.filter { $0.userID == userID && (status == nil || $0.status == status) }.reversed()
                    .map { purchase in
                        PurchaseView(
                            purchase: purchase, merchantName: "Shop",
                            cashbackStatus: state.cashbackTransactions.first { $0.purchaseID == purchase.id }?.status)
                    }, page)
        }
    }
    func list(filter: PurchaseFilter, page: PageRequest) async throws -> Page<Purchase> {
        working.state.withLock { state in
            paged(state.purchases.filter { filter.status == nil || $0.status == filter.status }.reversed(), page)
        }
    }
    func longestPending(limit: Int) async throws -> [PendingPurchase] {
        working.state.withLock { state in
            state.purchases.filter { $0.status == .pending }.prefix(limit).map { purchase in
                PendingPurchase(
                    purchase: purchase,
                    merchantName: state.merchants.first { $0.id == purchase.merchantID }?.name ?? "",
                    userEmail: state.users.first { $0.id == purchase.userID }?.email.value ?? "")
            }
        }
    }
}

struct InMemoryWallets: WalletRepository {
    let working: WorkingCopy
    func find(userID: UserID) async throws -> Wallet? { working.state.withLock { $0.wallets[userID] } }
    func lock(userID: UserID) async throws -> Wallet {
        working.state.withLock { state in
            let wallet = state.wallets[userID] ?? Wallet(userID: userID, pending: .zero, available: .zero, paid: .zero)
            state.wallets[userID] = wallet
            return wallet
        }
    }
    func apply(_ movements: [LedgerMovement]) async throws { try working.state.withLock { try $0.apply(movements) } }
    func ledger(userID: UserID, page: PageRequest) async throws -> Page<LedgerEntry> {
        working.state.withLock { state in
            paged(
                state.ledger.enumerated().filter { $0.element.userID == userID }
                    .map { LedgerEntry(id: Int64($0.offset), movement: $0.element, createdAt: Date()) }, page)
        }
    }
    func transactions(userID: UserID, page: PageRequest) async throws -> Page<CashbackTransaction> {
        working.state.withLock { paged($0.cashbackTransactions.filter { $0.userID == userID }, page) }
    }
}

struct InMemoryPayouts: PayoutRepository {
    let working: WorkingCopy
    func insert(_ payout: Payout) async throws -> Bool {
        working.state.withLock { state in
            if let key = payout.idempotencyKey,
                state.payouts.contains(where: { $0.userID == payout.userID && $0.idempotencyKey == key })
            {
                return false
            }
            state.payouts.append(payout)
            return true
        }
    }
    func find(userID: UserID, idempotencyKey: String) async throws -> Payout? {
        working.state.withLock { $0.payouts.first { $0.userID == userID && $0.idempotencyKey == idempotencyKey } }
    }
    func lock(id: PayoutID) async throws -> Payout? { working.state.withLock { $0.payouts.first { $0.id == id } } }
    func update(id: PayoutID, status: PayoutStatus, processedAt: Date?) async throws {
        working.state.withLock { state in
            state.payouts = state.payouts.map { old in
                guard old.id == id else { return old }
                return Payout(
                    id: old.id, userID: old.userID, amount: old.amount, method: old.method, details: old.details,
                    status: status, idempotencyKey: old.idempotencyKey, requestedAt: old.requestedAt,
                    processedAt: processedAt, externalReference: old.externalReference)
            }
        }
    }
    func list(userID: UserID?, status: PayoutStatus?, page: PageRequest) async throws -> Page<Payout> {
        working.state.withLock { state in
            paged(
                state.payouts.filter {
                    (userID == nil || $0.userID == userID) && (status == nil || $0.status == status)
                }, page)
        }
    }
}

/// Reconciliation over the fake: wallets against the ledger only (enough to test the service's wiring).
struct InMemoryReconciliationRuns: ReconciliationRunRepository {
    let working: WorkingCopy
    func record(_ report: ReconciliationReport) async throws {
        working.state.withLock {
            $0.reconcileRuns.append(.init(finishedAt: Date(), report: report, driftCount: report.drifts.count))
        }
    }
    func latest() async throws -> ReconciliationRun? { working.state.withLock { $0.reconcileRuns.last } }
}

struct InMemoryReconciliation: ReconciliationRepository {
    let working: WorkingCopy
    func check() async throws -> ReconciliationReport {
        working.state.withLock { state in
            let drifts = state.wallets.values.compactMap { wallet -> Drift? in
                let sums = WalletBucket.allCases.map { bucket in
                    state.ledger.filter { $0.userID == wallet.userID && $0.bucket == bucket }.reduce(Money.zero) {
                        $0 + $1.delta
                    }
                }
                guard sums != WalletBucket.allCases.map(wallet.balance(of:)) else { return nil }
                return Drift(rule: "wallet_equals_ledger", subject: wallet.userID.description, detail: "\(sums)")
            }
            return ReconciliationReport(
                walletsChecked: state.wallets.count, purchasesChecked: state.purchases.count,
                payoutsChecked: state.payouts.count, drifts: drifts)
        }
    }
}
