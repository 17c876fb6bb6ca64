import Application
import Domain
import Foundation
import Testing

@Suite struct PurchaseSettlementTests {
    let store = InMemoryStore()
    let clock = FixedClock()
    let user = User(
        id: .random(), email: EmailAddress(trusted: "u@example.com"), passwordHash: "", role: .user, active: true,
        createdAt: Date())

    func ingestOne() async throws -> ClaimedVerification {
        let shop = Merchant(id: .random(), name: "Shop", defaultCashbackPercentage: 5, active: true)
        let offer = Offer(
            id: .random(), merchantID: shop.id, cashback: .percent(5), startDate: CalendarDate(iso: "2026-01-01")!,
            endDate: CalendarDate(iso: "2026-12-31")!, monthlyCapPerUser: 100, active: true)
        store.seed { [user] in
            $0.users.append(user)
            $0.merchants.append(shop)
            $0.offers.append(offer)
        }
        _ = try await PurchaseService(unitOfWork: store, clock: clock).ingest(
            PurchaseSubmission(
                externalID: UUID().uuidString, userID: user.id, merchantID: shop.id, amount: Money(minorUnits: 10_000),
                currency: "EUR"), by: .user(user.id))
        return try #require(
            try await store.transaction {
                try await $0.verifications.claim(limit: 1, owner: "w", lease: .seconds(30))
            }.first)
    }

    @Test func confirmationMovesTheMoneyAndLeavesTheQueue() async throws {
        let claim = try await ingestOne()
        let settlement = PurchaseSettlement(unitOfWork: store, clock: clock)
        #expect(try await settlement.settle(claim, .confirm) == .confirmed)
        let state = store.snapshot
        #expect(state.wallets[user.id]?.available == Money(minorUnits: 500) && state.wallets[user.id]?.pending == .zero)
        #expect(state.queue.isEmpty)
        #expect(state.audit.last?.actor == .system && state.audit.last?.action == .purchaseConfirmed)
        #expect(try await settlement.settle(claim, .confirm) == .alreadySettled(.confirmed))
    }

    @Test func rejectionRecordsTheReason() async throws {
        let claim = try await ingestOne()
        let reason = PurchaseSettlement.exhaustionReason(attempts: 3)
        #expect(
            try await PurchaseSettlement(unitOfWork: store, clock: clock).settle(claim, .reject(reason: reason))
                == .rejected)
        #expect(store.snapshot.audit.last?.details["reason"] == reason)
        #expect(
            reason == "Bank reconciliation failed: no matching bank movement found after 3 verification attempt(s).")
        #expect(store.snapshot.wallets[user.id]?.pending == .zero)
    }

    @Test func aLostLeaseChangesNothing() async throws {
        let claim = try await ingestOne()
        let stale = ClaimedVerification(
            purchaseID: claim.purchaseID, merchantID: claim.merchantID, userID: claim.userID, amount: claim.amount,
            currency: claim.currency,
            lease: QueueLease(itemID: claim.lease.itemID, token: UUID(), attempts: 0, claims: 1, interruptions: 0),
            enqueuedAt: claim.enqueuedAt)
        #expect(try await PurchaseSettlement(unitOfWork: store, clock: clock).settle(stale, .confirm) == .leaseLost)
        #expect(store.snapshot.purchases.first?.status == .pending)
    }
}

@Suite struct PayoutSettlementTests {
    @Test func theJobFinalizesProcessingPayoutsOnceUnderItsLease() async throws {
        let store = InMemoryStore()
        let user = UserID.random()
        store.seed { state in
            try? state.apply([
                LedgerMovement(
                    userID: user, bucket: .available, delta: Money(minorUnits: 5000), reason: .purchaseConfirmed,
                    referenceID: UUID())
            ])
        }
        let service = PayoutService(unitOfWork: store, clock: FixedClock(), minimumAmount: Money(minorUnits: 100))
        let payout = try await service.request(
            PayoutRequest(
                amount: Money(minorUnits: 2000), method: .card, details: ["card_token": "t"], idempotencyKey: nil),
            by: user
        ).payout
        _ = try await service.process(payoutID: payout.id, to: .processing, actor: .system)
        let claim = try #require(
            try await store.transaction { try await $0.payoutQueue.claim(limit: 5, owner: "w", lease: .seconds(5)) }
                .first)
        #expect(try await service.settle(claim, to: .failed))
        #expect(try await !service.settle(claim, to: .completed))
        #expect(store.snapshot.wallets[user]?.available == Money(minorUnits: 5000))
        #expect(try await ReconciliationService(unitOfWork: store).run().isClean)
    }
}
