import Domain
import Foundation
import Testing

@Suite struct PurchaseTransitionsTests {
    func purchase(_ status: PurchaseStatus, cashback: Int64 = 500) -> Purchase {
        Purchase(
            id: .random(), externalID: "x", userID: .random(), merchantID: .random(), offerID: nil,
            amount: Money(minorUnits: 10_000), cashbackAmount: Money(minorUnits: cashback), currency: "EUR",
            status: status,
            createdAt: Date())
    }

    func deltas(_ movements: [LedgerMovement]) -> [WalletBucket: Int64] {
        Dictionary(movements.map { ($0.bucket, $0.delta.minorUnits) }, uniquingKeysWith: +)
    }

    @Test func ingestionCreditsPending() {
        let pending = purchase(.pending)
        #expect(deltas(PurchaseTransitions.ingestion(of: pending)) == [.pending: 500])
        #expect(PurchaseTransitions.ingestion(of: purchase(.pending, cashback: 0)).isEmpty)
    }

    @Test func confirmationMovesPendingToAvailable() throws {
        let outcome = try PurchaseTransitions.confirm(purchase(.pending))
        #expect(outcome.status == .confirmed && outcome.cashbackStatus == .available)
        #expect(deltas(outcome.movements) == [.pending: -500, .available: 500])
        #expect(outcome.movements.allSatisfy { $0.reason == .purchaseConfirmed })
    }

    @Test func rejectionRemovesPendingButKeepsTheAmount() throws {
        let outcome = try PurchaseTransitions.reject(purchase(.pending))
        #expect(outcome.status == .rejected && outcome.cashbackStatus == .reversed)
        #expect(outcome.cashbackAmount == Money(minorUnits: 500))
        #expect(deltas(outcome.movements) == [.pending: -500])
    }

    func wallet(of purchase: Purchase, available: Int64 = 0, owed: Int64 = 0) -> Wallet {
        Wallet(
            userID: purchase.userID, pending: Money(minorUnits: 10_000), available: Money(minorUnits: available),
            paid: .zero, owed: Money(minorUnits: owed))
    }

    @Test func reversalTakesFromTheRightBucketAndZeroes() throws {
        let pending = purchase(.pending)
        let fromPending = try PurchaseTransitions.reverse(pending, from: wallet(of: pending))
        #expect(deltas(fromPending.movements) == [.pending: -500] && fromPending.cashbackAmount == .zero)
        let confirmed = purchase(.confirmed)
        let fromConfirmed = try PurchaseTransitions.reverse(confirmed, from: wallet(of: confirmed, available: 800))
        #expect(deltas(fromConfirmed.movements) == [.available: -500])
    }

    @Test func reversingWithdrawnCashbackTakesWhatIsAvailableAndOwesTheRest() throws {
        let confirmed = purchase(.confirmed)
        let partly = try PurchaseTransitions.reverse(confirmed, from: wallet(of: confirmed, available: 120))
        #expect(deltas(partly.movements) == [.available: -120, .owed: 380])
        #expect(partly.movements.allSatisfy { $0.reason == .purchaseReversed })
        let whollyWithdrawn = try PurchaseTransitions.reverse(confirmed, from: wallet(of: confirmed, owed: 70))
        #expect(deltas(whollyWithdrawn.movements) == [.owed: 500])
        #expect(wallet(of: confirmed, available: 120).canApply(partly.movements))
    }

    @Test func creditsToAvailableRepayTheDebtFirst() throws {
        let pending = purchase(.pending)
        let small = try PurchaseTransitions.confirm(pending).repayingDebt(of: wallet(of: pending, owed: 200))
        #expect(deltas(small.movements) == [.pending: -500, .available: 300, .owed: -200])
        #expect(
            small.movements.filter { $0.reason == .debtRepaid }.map(\.delta) == [
                Money(minorUnits: -200), Money(minorUnits: -200),
            ])
        let large = try PurchaseTransitions.confirm(pending).repayingDebt(of: wallet(of: pending, owed: 900))
        #expect(deltas(large.movements) == [.pending: -500, .available: 0, .owed: -500])
        let none = try PurchaseTransitions.confirm(pending).repayingDebt(of: wallet(of: pending))
        #expect(none == (try PurchaseTransitions.confirm(pending)))
        let rejected = try PurchaseTransitions.reject(pending).repayingDebt(of: wallet(of: pending, owed: 900))
        #expect(deltas(rejected.movements) == [.pending: -500])
    }

    @Test func refusedTransitionsNameTheSpecError() {
        let confirmed = purchase(.confirmed)
        #expect(throws: PurchaseError.notPending(confirmed.id, current: .confirmed)) {
            try PurchaseTransitions.confirm(confirmed)
        }
        #expect(throws: PurchaseError.notPending(confirmed.id, current: .confirmed)) {
            try PurchaseTransitions.reject(confirmed)
        }
        let reversed = purchase(.reversed)
        #expect(throws: PurchaseError.alreadyReversed(reversed.id)) {
            try PurchaseTransitions.reverse(reversed, from: wallet(of: reversed))
        }
        let rejected = purchase(.rejected)
        #expect(throws: PurchaseError.notReversible(rejected.id, current: .rejected)) {
            try PurchaseTransitions.reverse(rejected, from: wallet(of: rejected))
        }
    }

    @Test func zeroCashbackStillChangesStatusesWithoutMovements() throws {
        let outcome = try PurchaseTransitions.confirm(purchase(.pending, cashback: 0))
        #expect(outcome.cashbackStatus == .available && outcome.movements.isEmpty)
    }

    @Test func walletsRefuseMovementsThatWouldGoNegative() throws {
        let confirmed = purchase(.confirmed)
        let outcome = try PurchaseTransitions.reverse(confirmed, from: wallet(of: confirmed, available: 500))
        let rich = Wallet(userID: confirmed.userID, pending: .zero, available: Money(minorUnits: 500), paid: .zero)
        let poor = Wallet(userID: confirmed.userID, pending: .zero, available: Money(minorUnits: 499), paid: .zero)
        #expect(rich.canApply(outcome.movements))
        #expect(!poor.canApply(outcome.movements))
    }

    @Test func purchaseStatusFilterFollowsTheSpec() throws {
        #expect(try PurchaseFilter.status(from: "rejected") == .rejected)
        #expect(try PurchaseFilter.status(from: nil) == nil)
        #expect(throws: PurchaseError.invalidStatusFilter("Pending")) { try PurchaseFilter.status(from: "Pending") }
    }
}
