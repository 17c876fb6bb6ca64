import Application
import Domain
import Foundation
import Testing

@Suite struct PurchaseServiceTests {
    let store = InMemoryStore()
    let clock = FixedClock()
    let alice = User(
        id: .random(), email: EmailAddress(trusted: "alice@example.com"), passwordHash: "", role: .user, active: true,
        createdAt: Date())
    let admin = UserID.random()
    let shop = Merchant(id: .random(), name: "Shop", defaultCashbackPercentage: 5, active: true)
    var service: PurchaseService { PurchaseService(unitOfWork: store, clock: clock) }

    init() {
        let offer = Offer(
            id: .random(), merchantID: shop.id, cashback: .percent(5), startDate: CalendarDate(iso: "2026-01-01")!,
            endDate: CalendarDate(iso: "2026-12-31")!, monthlyCapPerUser: 6, active: true)
        store.seed { [shop, alice] in
            $0.users = [alice]
            $0.merchants = [shop]
            $0.offers = [offer]
        }
    }

    func submission(_ externalID: String = UUID().uuidString, amount: Int64 = 10_000, currency: String = "EUR")
        -> PurchaseSubmission
    {
        PurchaseSubmission(
            externalID: externalID, userID: alice.id, merchantID: shop.id, amount: Money(minorUnits: amount),
            currency: currency)
    }

    @Test func ingestionWritesEverythingInOneStatementWithoutATransaction() async throws {
        let ingested = try await service.ingest(submission(), by: .user(alice.id))
        #expect(ingested.purchase.status == .pending && ingested.purchase.cashbackAmount == Money(minorUnits: 500))
        #expect(!ingested.capApplied)
        #expect(store.commits == 0 && store.rollbacks == 0)
        let state = store.snapshot
        #expect(state.wallets[alice.id]?.pending == Money(minorUnits: 500))
        #expect(state.ledger.map(\.reason) == [.purchaseIngested])
        #expect(state.queue == [ingested.purchase.id])
        #expect(state.notifications == ["purchase_ingested:\(ingested.purchase.id)"])
        #expect(state.audit.map(\.action) == [.purchaseIngested])
    }

    @Test func aChangedWalletMakesIngestionReadAgainThenHoldTheLock() async throws {
        _ = try await service.ingest(submission(), by: .user(alice.id))
        store.seed { $0.walletConflicts = 1 }
        let retried = try await service.ingest(submission(), by: .user(alice.id))
        #expect(retried.purchase.cashbackAmount == Money(minorUnits: 100) && retried.capApplied)
        #expect(store.commits == 0, "one conflict is absorbed by reading again")
        store.seed { $0.walletConflicts = 100 }
        let locked = try await service.ingest(submission(), by: .user(alice.id))
        #expect(locked.purchase.cashbackAmount == .zero && locked.capApplied)
        #expect(store.commits == 1, "after repeated conflicts the ingestion holds the wallet lock")
        #expect(store.snapshot.walletConflicts == 100 - 3)
        #expect(store.snapshot.wallets[alice.id]?.pending == Money(minorUnits: 600))
    }

    @Test func aBatchQuotesTheCapAcrossItsOwnItemsAndAnswersEachItem() async throws {
        let foreign = PurchaseSubmission(
            externalID: "other", userID: .random(), merchantID: shop.id, amount: Money(minorUnits: 100), currency: "EUR"
        )
        let results = try await service.ingestBatch(
            [
                submission("b1"), submission("b2"), foreign, submission("b1"), submission("b3"),
                submission("usd", currency: "USD"),
            ],
            by: .user(alice.id))
        let cashbacks = results.map { try? $0.get().purchase.cashbackAmount }
        #expect(cashbacks == [Money(minorUnits: 500), Money(minorUnits: 100), nil, nil, .zero, nil])
        #expect(throws: PurchaseError.notOwnSubmission) { try results[2].get() }
        #expect(throws: PurchaseError.self) { try results[3].get() }
        #expect(throws: PurchaseError.unsupportedCurrency("USD")) { try results[5].get() }
        #expect(store.snapshot.purchases.count == 3)
        #expect(store.snapshot.wallets[alice.id]?.pending == Money(minorUnits: 600))
    }

    @Test func aBatchFallsBackItemByItemWhenTheWalletChanged() async throws {
        store.seed { $0.walletConflicts = 1 }
        let results = try await service.ingestBatch([submission("c1"), submission("c2")], by: .user(alice.id))
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        #expect(store.snapshot.wallets[alice.id]?.pending == Money(minorUnits: 600), "the cap still holds")
    }

    @Test func aBatchDuringADatabaseOutageFailsAsAWholeAtOnceInsteadOfItemByItem() async throws {
        store.databaseDown.withLock { $0 = true }
        let readsBefore = store.reads
        await #expect(throws: DatabaseUnavailable.self) {
            try await service.ingestBatch((0..<50).map { submission("down-\($0)") }, by: .user(alice.id))
        }
        #expect(store.reads - readsBefore == 1, "one failed read ends the batch; no item is tried on its own")
        #expect(store.snapshot.purchases.isEmpty)
    }

    @Test func theMonthlyCapLimitsLaterPurchases() async throws {
        _ = try await service.ingest(submission(), by: .user(alice.id))
        let second = try await service.ingest(submission(), by: .user(alice.id))
        #expect(second.purchase.cashbackAmount == Money(minorUnits: 100) && second.capApplied)
        let third = try await service.ingest(submission(), by: .user(alice.id))
        #expect(third.purchase.cashbackAmount == .zero && third.capApplied)
        clock.advance(by: 31 * 24 * 3600)
        #expect(
            try await service.ingest(submission(), by: .user(alice.id)).purchase.cashbackAmount
                == Money(minorUnits: 500))
    }

    @Test func aUsersOwnAccountIsCheckedFirstInTheIngestionsRead() async throws {
        let first = try await service.ingest(submission("dup"), by: .user(alice.id))
        store.seed { [alice] state in
            state.users = [
                User(
                    id: alice.id, email: alice.email, passwordHash: "", role: .user, active: false,
                    createdAt: alice.createdAt)
            ]
        }
        await #expect(throws: AuthError.userInactive(alice.id), "before the duplicate") {
            try await service.ingest(submission("dup"), by: .user(alice.id))
        }
        await #expect(throws: AuthError.userInactive(alice.id)) {
            try await service.ingest(submission("new"), by: .user(alice.id))
        }
        store.seed { $0.users = [] }
        await #expect(throws: AuthError.invalidToken) {
            try await service.ingest(submission("new"), by: .user(alice.id))
        }
        #expect(store.snapshot.purchases.map(\.id) == [first.purchase.id])
    }

    @Test func refusalsComeInTheSpecOrderAndWriteNothing() async throws {
        let someoneElse = PurchaseSubmission(
            externalID: "x", userID: .random(), merchantID: shop.id, amount: Money(minorUnits: 100), currency: "USD")
        await #expect(throws: PurchaseError.notOwnSubmission) {
            try await service.ingest(someoneElse, by: .user(alice.id))
        }
        let first = try await service.ingest(submission("dup"), by: .user(alice.id))
        await #expect(throws: PurchaseError.duplicate(first.purchase)) {
            try await service.ingest(submission("dup", currency: "USD"), by: .user(alice.id))
        }
        await #expect(throws: PurchaseError.unsupportedCurrency("usd")) {
            try await service.ingest(submission(currency: "usd"), by: .user(alice.id))
        }
        #expect(try await service.ingest(submission(currency: "eur"), by: .user(alice.id)).purchase.currency == "eur")
        let stranger = PurchaseSubmission(
            externalID: "y", userID: alice.id, merchantID: .random(), amount: Money(minorUnits: 100), currency: "EUR")
        await #expect(throws: PurchaseError.merchantNotEligible(stranger.merchantID)) {
            try await service.ingest(stranger, by: .user(alice.id))
        }
        store.seed { $0.offers = [] }
        await #expect(throws: PurchaseError.offerNotAvailable(shop.id)) {
            try await service.ingest(submission(), by: .user(alice.id))
        }
        #expect(store.snapshot.purchases.count == 2 && store.snapshot.audit.count == 2 && store.rollbacks == 0)
    }

    @Test func adminConfirmAndReverseMoveTheMoneyOnce() async throws {
        let ingested = try await service.ingest(submission(), by: .user(alice.id))
        let id = ingested.purchase.id
        let confirmed = try await service.confirm(purchaseID: id, by: admin)
        #expect(confirmed.status == .confirmed)
        await #expect(throws: PurchaseError.notPending(ingested.purchase.id, current: .confirmed)) {
            try await service.confirm(purchaseID: id, by: admin)
        }
        #expect(store.snapshot.wallets[alice.id]?.available == Money(minorUnits: 500))
        let reversed = try await service.reverse(purchaseID: id, by: admin)
        #expect(reversed.status == .reversed && reversed.cashbackAmount == .zero)
        await #expect(throws: PurchaseError.alreadyReversed(ingested.purchase.id)) {
            try await service.reverse(purchaseID: id, by: admin)
        }
        let wallet = store.snapshot.wallets[alice.id]
        #expect(wallet?.pending == .zero && wallet?.available == .zero)
        #expect(
            store.snapshot.audit.filter { $0.actor == .admin(admin) }.map(\.action) == [
                .purchaseConfirmed, .purchaseReversed,
            ])
        #expect(try await ReconciliationService(unitOfWork: store).run().isClean)
    }

    @Test func reversingWithdrawnCashbackLeavesADebtThatLaterCashbackRepays() async throws {
        let ingested = try await service.ingest(submission(), by: .user(alice.id))
        _ = try await service.confirm(purchaseID: ingested.purchase.id, by: admin)
        store.seed { [alice] state in
            try? state.apply([
                LedgerMovement(
                    userID: alice.id, bucket: .available, delta: Money(minorUnits: -300), reason: .payoutRequested,
                    referenceID: UUID())
            ])
        }
        let reversed = try await service.reverse(purchaseID: ingested.purchase.id, by: admin)
        #expect(reversed.status == .reversed && reversed.cashbackAmount == .zero)
        #expect(store.snapshot.wallets[alice.id]?.available == .zero)
        #expect(store.snapshot.wallets[alice.id]?.owed == Money(minorUnits: 300), "5.00 taken back, 2.00 was left")

        let later = try await service.ingest(submission(), by: .user(alice.id))
        #expect(
            later.purchase.cashbackAmount == Money(minorUnits: 500), "a reversed purchase no longer counts to the cap")
        _ = try await service.confirm(purchaseID: later.purchase.id, by: admin)
        let wallet = try #require(store.snapshot.wallets[alice.id])
        #expect(wallet.available == Money(minorUnits: 200) && wallet.owed == .zero)
        let repaid = store.snapshot.ledger.filter { $0.reason == .debtRepaid }
        #expect(repaid.map(\.delta) == [Money(minorUnits: -300), Money(minorUnits: -300)])
        #expect(repaid.allSatisfy { $0.referenceID == later.purchase.id.uuid })
    }

    @Test func detailsAreForTheOwnerOnly() async throws {
        let ingested = try await service.ingest(submission(), by: .user(alice.id))
        let view = try await service.details(purchaseID: ingested.purchase.id, caller: alice)
        #expect(view.merchantName == "Shop")
        let bob = User(
            id: .random(), email: EmailAddress(trusted: "bob@example.com"), passwordHash: "", role: .admin,
            active: true,
            createdAt: Date())
        await #expect(throws: PurchaseError.notOwner(purchase: ingested.purchase.id, owner: alice.id, caller: bob.id)) {
            try await service.details(purchaseID: ingested.purchase.id, caller: bob)
        }
        let unknown = PurchaseID.random()
        await #expect(throws: PurchaseError.notFound(unknown.description)) {
            try await service.details(purchaseID: unknown, caller: alice)
        }
    }
}

@Suite struct PayoutServiceTests {
    let store = InMemoryStore()
    let user = UserID.random()
    var service: PayoutService {
        PayoutService(unitOfWork: store, clock: FixedClock(), minimumAmount: Money(minorUnits: 1000))
    }

    init() {
        store.seed { [user] state in
            try? state.apply([
                LedgerMovement(
                    userID: user, bucket: .available, delta: Money(minorUnits: 5000), reason: .purchaseConfirmed,
                    referenceID: UUID())
            ])
        }
    }

    func request(_ cents: Int64, key: String? = nil) -> PayoutRequest {
        PayoutRequest(
            amount: Money(minorUnits: cents), method: .bankTransfer, details: ["iban": "x"], idempotencyKey: key)
    }

    @Test func requestingMovesAvailableMoneyIntoAPayout() async throws {
        let requested = try await service.request(request(2000), by: user)
        #expect(requested.payout.status == .requested && !requested.replayed)
        #expect(store.snapshot.wallets[user]?.available == Money(minorUnits: 3000))
        #expect(store.snapshot.audit.map(\.action) == [.withdrawalRequested])
    }

    @Test func refusesOverdraftAndAmountsBelowTheMinimum() async throws {
        await #expect(
            throws: PayoutError.insufficientBalance(
                requested: Money(minorUnits: 5001), available: Money(minorUnits: 5000), pending: .zero, owed: .zero)
        ) {
            try await service.request(request(5001), by: user)
        }
        await #expect(throws: PayoutError.policyViolation(["Minimum payout amount is 10.00; requested 9.99."])) {
            try await service.request(request(999), by: user)
        }
        #expect(store.snapshot.wallets[user]?.available == Money(minorUnits: 5000))
    }

    @Test func aRetriedRequestWithTheSameKeyWithdrawsOnce() async throws {
        let first = try await service.request(request(2000, key: "k1"), by: user)
        let again = try await service.request(request(2000, key: "k1"), by: user)
        #expect(again.replayed && again.payout == first.payout)
        #expect(store.snapshot.wallets[user]?.available == Money(minorUnits: 3000))
        await #expect(throws: PayoutError.idempotencyKeyReused("k1")) {
            try await service.request(request(2500, key: "k1"), by: user)
        }
    }

    @Test func processingCompletesOrRefundsExactlyOnce() async throws {
        let paid = try await service.request(request(2000), by: user).payout
        let refunded = try await service.request(request(1000), by: user).payout
        _ = try await service.process(payoutID: paid.id, to: .completed, actor: .system)
        _ = try await service.process(payoutID: refunded.id, to: .processing, actor: .system)
        _ = try await service.process(payoutID: refunded.id, to: .failed, actor: .system)
        await #expect(throws: PayoutError.invalidTransition(paid.id, current: .completed)) {
            try await service.process(payoutID: paid.id, to: .failed, actor: .system)
        }
        let wallet = store.snapshot.wallets[user]
        #expect(wallet?.available == Money(minorUnits: 3000) && wallet?.paid == Money(minorUnits: 2000))
        let unknown = PayoutID.random()
        await #expect(throws: PayoutError.notFound(unknown.description)) {
            try await service.process(payoutID: unknown, to: .failed, actor: .system)
        }
        #expect(
            try await service.list(userID: user, status: .completed, page: PageRequest(offset: 0, limit: 10)).total == 1
        )
        #expect(try await ReconciliationService(unitOfWork: store).run().isClean)
    }

    @Test func aRefundedPayoutRepaysWhatTheUserOwesFirst() async throws {
        let payout = try await service.request(request(5000), by: user).payout
        store.seed { [user] state in
            try? state.apply([
                LedgerMovement(
                    userID: user, bucket: .owed, delta: Money(minorUnits: 1500), reason: .purchaseReversed,
                    referenceID: UUID())
            ])
        }
        await #expect(
            throws: PayoutError.insufficientBalance(
                requested: Money(minorUnits: 1000), available: .zero, pending: .zero, owed: Money(minorUnits: 1500))
        ) {
            try await service.request(request(1000), by: user)
        }
        _ = try await service.process(payoutID: payout.id, to: .failed, actor: .system)
        let wallet = store.snapshot.wallets[user]
        #expect(wallet?.available == Money(minorUnits: 3500) && wallet?.owed == .zero)
        let repaid = store.snapshot.ledger.filter { $0.reason == .debtRepaid }
        #expect(repaid.map(\.bucket) == [.available, .owed] && repaid.allSatisfy { $0.referenceID == payout.id.uuid })
        #expect(try await ReconciliationService(unitOfWork: store).run().isClean)
    }
}

@Suite struct WalletServiceTests {
    @Test func readsTheCallersWalletAndLedger() async throws {
        let store = InMemoryStore()
        let user = UserID.random()
        let service = WalletService(unitOfWork: store)
        #expect(try await service.summary(for: user) == nil)
        store.seed { state in
            try? state.apply([
                LedgerMovement(
                    userID: user, bucket: .pending, delta: Money(minorUnits: 5), reason: .purchaseIngested,
                    referenceID: UUID())
            ])
        }
        #expect(try await service.summary(for: user)?.pending == Money(minorUnits: 5))
        #expect(try await service.ledger(for: user, page: PageRequest(offset: 0, limit: 5)).total == 1)
        #expect(try await service.transactions(for: user, page: PageRequest(offset: 0, limit: 5)).total == 0)
    }
}
