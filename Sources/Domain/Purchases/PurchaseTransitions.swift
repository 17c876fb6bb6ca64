/// The purchase state machine as pure functions: each returns what must change — statuses, cashback
/// amount and ledger movements — or the spec's refusal. The caller applies it under the purchase lock.
public enum PurchaseTransitions {
    /// The outcome of one transition.
    public struct Outcome: Equatable, Sendable {
        public let status: PurchaseStatus
        public let cashbackStatus: CashbackStatus
        /// The purchase's `cashback_amount` afterwards (zeroed by a reversal).
        public let cashbackAmount: Money
        public let movements: [LedgerMovement]
    }

    /// Ingestion: the cashback enters the pending bucket.
    public static func ingestion(of purchase: Purchase) -> [LedgerMovement] {
        movements(purchase, [(.pending, purchase.cashbackAmount)], .purchaseIngested)
    }

    /// T2/T3: pending → confirmed; the cashback moves from pending to available.
    public static func confirm(_ purchase: Purchase) throws(PurchaseError) -> Outcome {
        guard purchase.status == .pending else { throw .notPending(purchase.id, current: purchase.status) }
        let cashback = purchase.cashbackAmount
        return Outcome(
            status: .confirmed, cashbackStatus: .available, cashbackAmount: cashback,
            movements: movements(purchase, [(.pending, .zero - cashback), (.available, cashback)], .purchaseConfirmed))
    }

    /// T4: pending → rejected; the pending cashback disappears (the purchase keeps its amount).
    public static func reject(_ purchase: Purchase) throws(PurchaseError) -> Outcome {
        guard purchase.status == .pending else { throw .notPending(purchase.id, current: purchase.status) }
        let cashback = purchase.cashbackAmount
        return Outcome(
            status: .rejected, cashbackStatus: .reversed, cashbackAmount: cashback,
            movements: movements(purchase, [(.pending, .zero - cashback)], .purchaseRejected))
    }

    /// T5/T6: pending or confirmed → reversed; the cashback leaves the bucket it sits in and is zeroed.
    public static func reverse(_ purchase: Purchase) throws(PurchaseError) -> Outcome {
        let cashback = purchase.cashbackAmount
        let bucket: WalletBucket
        switch purchase.status {
        case .pending: bucket = .pending
        case .confirmed: bucket = .available
        case .reversed: throw .alreadyReversed(purchase.id)
        case .rejected: throw .notReversible(purchase.id, current: .rejected)
        }
        return Outcome(
            status: .reversed, cashbackStatus: .reversed, cashbackAmount: .zero,
            movements: movements(purchase, [(bucket, .zero - cashback)], .purchaseReversed))
    }

    private static func movements(
        _ purchase: Purchase, _ changes: [(WalletBucket, Money)], _ reason: LedgerReason
    ) -> [LedgerMovement] {
        changes.filter { $0.1 != .zero }.map { bucket, delta in
            LedgerMovement(
                userID: purchase.userID, bucket: bucket, delta: delta, reason: reason, referenceID: purchase.id.uuid)
        }
    }
}
