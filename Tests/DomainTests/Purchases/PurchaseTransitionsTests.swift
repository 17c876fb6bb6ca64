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

    @Test func reversalTakesFromTheRightBucketAndZeroes() throws {
        let fromPending = try PurchaseTransitions.reverse(purchase(.pending))
        #expect(deltas(fromPending.movements) == [.pending: -500] && fromPending.cashbackAmount == .zero)
        let fromConfirmed = try PurchaseTransitions.reverse(purchase(.confirmed))
        #expect(deltas(fromConfirmed.movements) == [.available: -500])
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
        #expect(throws: PurchaseError.alreadyReversed(reversed.id)) { try PurchaseTransitions.reverse(reversed) }
        let rejected = purchase(.rejected)
        #expect(throws: PurchaseError.notReversible(rejected.id, current: .rejected)) {
            try PurchaseTransitions.reverse(rejected)
        }
    }

    @Test func zeroCashbackStillChangesStatusesWithoutMovements() throws {
        let outcome = try PurchaseTransitions.confirm(purchase(.pending, cashback: 0))
        #expect(outcome.cashbackStatus == .available && outcome.movements.isEmpty)
    }

    @Test func walletsRefuseMovementsThatWouldGoNegative() throws {
        let confirmed = purchase(.confirmed)
        let outcome = try PurchaseTransitions.reverse(confirmed)
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
