public import Foundation

/// The one statement of how a debt is paid off (ADR 017): whenever money arrives in the available bucket while
/// the wallet owes something, as much of it as the debt needs leaves again to repay it, recorded as two
/// `debt_repaid` rows (available and owed, both negative) under the credit's own reference. The worker's
/// set-based settle applies the same rule in SQL (`PostgresPurchaseRepository.settleIfPending`).
public enum DebtRepayment {
    /// `movements` followed by the repayment their available credit makes against `wallet`'s debt.
    public static func applied(to movements: [LedgerMovement], against wallet: Wallet) -> [LedgerMovement] {
        let credits = movements.filter { $0.userID == wallet.userID && $0.bucket == .available && $0.delta > .zero }
        guard let first = credits.first, wallet.owed > .zero else { return movements }
        let credited = credits.reduce(Money.zero) { $0 + $1.delta }
        return movements
            + repayment(of: min(wallet.owed, credited), userID: wallet.userID, referenceID: first.referenceID)
    }

    /// The two rows of one repayment (none for zero).
    public static func repayment(of amount: Money, userID: UserID, referenceID: UUID) -> [LedgerMovement] {
        guard amount > .zero else { return [] }
        return [WalletBucket.available, .owed].map { bucket in
            LedgerMovement(
                userID: userID, bucket: bucket, delta: .zero - amount, reason: .debtRepaid, referenceID: referenceID)
        }
    }
}
