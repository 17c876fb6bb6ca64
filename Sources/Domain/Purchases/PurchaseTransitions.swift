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

        /// The same outcome followed by the repayment its credit to the available bucket makes against
        /// `wallet`'s debt (`DebtRepayment`).
        public func repayingDebt(of wallet: Wallet) -> Outcome {
            Outcome(
                status: status, cashbackStatus: cashbackStatus, cashbackAmount: cashbackAmount,
                movements: DebtRepayment.applied(to: movements, against: wallet))
        }
    }

    /// Ingestion: the cashback enters the pending bucket.
    public static func ingestion(of purchase: Purchase) -> [LedgerMovement] {
        movements(purchase, [(.pending, purchase.cashbackAmount)], .purchaseIngested)
    }

    /// What settling a pending purchase does, independent of the purchase: the one definition of T2/T3/T4,
    /// used by `confirm`/`reject` here and by the worker's single-statement settle in the database.
    public struct Settlement: Equatable, Sendable {
        public let status: PurchaseStatus
        public let cashbackStatus: CashbackStatus
        /// Each bucket's change as a multiple of the purchase's cashback (`-1` leaves, `+1` arrives).
        public let bucketSigns: [BucketSign]
        public let reason: LedgerReason

        /// T2/T3: pending → confirmed; the cashback moves from pending to available.
        public static let confirmation = Settlement(
            status: .confirmed, cashbackStatus: .available,
            bucketSigns: [BucketSign(bucket: .pending, sign: -1), BucketSign(bucket: .available, sign: 1)],
            reason: .purchaseConfirmed)

        /// T4: pending → rejected; the pending cashback disappears (the purchase keeps its amount).
        public static let rejection = Settlement(
            status: .rejected, cashbackStatus: .reversed, bucketSigns: [BucketSign(bucket: .pending, sign: -1)],
            reason: .purchaseRejected)
    }

    /// One bucket's share of a settlement.
    public struct BucketSign: Equatable, Sendable {
        public let bucket: WalletBucket
        public let sign: Int64
    }

    /// T2/T3: pending → confirmed.
    public static func confirm(_ purchase: Purchase) throws(PurchaseError) -> Outcome {
        try settle(purchase, .confirmation)
    }

    /// T4: pending → rejected.
    public static func reject(_ purchase: Purchase) throws(PurchaseError) -> Outcome {
        try settle(purchase, .rejection)
    }

    /// Applies a settlement's definition to a pending purchase.
    public static func settle(_ purchase: Purchase, _ settlement: Settlement) throws(PurchaseError) -> Outcome {
        guard purchase.status == .pending else { throw .notPending(purchase.id, current: purchase.status) }
        let cashback = purchase.cashbackAmount
        let changes = settlement.bucketSigns.map { ($0.bucket, Money(minorUnits: cashback.minorUnits * $0.sign)) }
        return Outcome(
            status: settlement.status, cashbackStatus: settlement.cashbackStatus, cashbackAmount: cashback,
            movements: movements(purchase, changes, settlement.reason))
    }

    /// T5/T6: pending or confirmed → reversed; the cashback leaves the bucket it sits in and is zeroed.
    /// Confirmed cashback that `wallet` no longer holds (withdrawn since) is not refused: what is available is
    /// taken, and the rest becomes owed (ADR 017), paid off by the next credits to the available bucket.
    public static func reverse(_ purchase: Purchase, from wallet: Wallet) throws(PurchaseError) -> Outcome {
        let cashback = purchase.cashbackAmount
        let changes: [(WalletBucket, Money)]
        switch purchase.status {
        case .pending:
            changes = [(.pending, .zero - cashback)]
        case .confirmed:
            let taken = min(cashback, max(wallet.available, .zero))
            changes = [(.available, .zero - taken), (.owed, cashback - taken)]
        case .reversed: throw .alreadyReversed(purchase.id)
        case .rejected: throw .notReversible(purchase.id, current: .rejected)
        }
        return Outcome(
            status: .reversed, cashbackStatus: .reversed, cashbackAmount: .zero,
            movements: movements(purchase, changes, .purchaseReversed))
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
