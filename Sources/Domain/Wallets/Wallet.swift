public import Foundation

/// A user's balances. Each equals the sum of the user's ledger rows for that bucket.
public struct Wallet: Equatable, Sendable {
    public let userID: UserID
    public let pending: Money
    public let available: Money
    public let paid: Money
    /// Cashback taken back after it had been withdrawn (ADR 017): a debt that later credits to the available
    /// bucket pay off first (`DebtRepayment`). Never positive while `available` is.
    public let owed: Money

    public init(userID: UserID, pending: Money, available: Money, paid: Money, owed: Money = .zero) {
        (self.userID, self.pending, self.available, self.paid, self.owed) = (userID, pending, available, paid, owed)
    }

    /// Whether applying `movements` (of this wallet) keeps every balance non-negative.
    public func canApply(_ movements: [LedgerMovement]) -> Bool {
        WalletBucket.allCases.allSatisfy { bucket in
            let change = movements.filter { $0.bucket == bucket && $0.userID == userID }.reduce(Money.zero) {
                $0 + $1.delta
            }
            return balance(of: bucket) + change >= .zero
        }
    }

    /// The balance of one bucket.
    public func balance(of bucket: WalletBucket) -> Money {
        switch bucket {
        case .pending: pending
        case .available: available
        case .paid: paid
        case .owed: owed
        }
    }
}

/// The places money sits in a wallet, and the debt a reversal can leave.
public enum WalletBucket: String, Sendable, CaseIterable {
    case pending
    case available
    case paid
    /// What the user owes back (ADR 017); it grows only by a reversal and shrinks only by a repayment.
    case owed
}

/// Why money moved; with the reference and bucket it identifies a movement, so each happens once.
public enum LedgerReason: String, Sendable, CaseIterable {
    case purchaseIngested = "purchase_ingested"
    case purchaseConfirmed = "purchase_confirmed"
    case purchaseRejected = "purchase_rejected"
    case purchaseReversed = "purchase_reversed"
    case payoutRequested = "payout_requested"
    case payoutCompleted = "payout_completed"
    case payoutFailed = "payout_failed"
    /// A credit to the available bucket paying off what a reversal left owed (`DebtRepayment`).
    case debtRepaid = "debt_repaid"
}

/// One signed change of one bucket, written to the append-only ledger with the balance change it explains.
public struct LedgerMovement: Equatable, Sendable {
    public let userID: UserID
    public let bucket: WalletBucket
    /// Never zero: a zero movement is not recorded.
    public let delta: Money
    public let reason: LedgerReason
    /// The purchase or payout the movement belongs to.
    public let referenceID: UUID

    public init(userID: UserID, bucket: WalletBucket, delta: Money, reason: LedgerReason, referenceID: UUID) {
        (self.userID, self.bucket, self.delta, self.reason, self.referenceID) = (
            userID, bucket, delta, reason, referenceID
        )
    }
}

/// A recorded ledger row.
public struct LedgerEntry: Equatable, Sendable {
    public let id: Int64
    public let movement: LedgerMovement
    public let createdAt: Date

    public init(id: Int64, movement: LedgerMovement, createdAt: Date) {
        (self.id, self.movement, self.createdAt) = (id, movement, createdAt)
    }
}

/// A purchase's cashback record, shown to users as a wallet transaction.
public struct CashbackTransaction: Equatable, Sendable {
    public let id: UUID
    public let userID: UserID
    public let purchaseID: PurchaseID
    public let amount: Money
    public let status: CashbackStatus
    public let createdAt: Date

    public init(
        id: UUID, userID: UserID, purchaseID: PurchaseID, amount: Money, status: CashbackStatus, createdAt: Date
    ) {
        (self.id, self.userID, self.purchaseID, self.amount, self.status, self.createdAt) = (
            id, userID, purchaseID, amount, status, createdAt
        )
    }
}
