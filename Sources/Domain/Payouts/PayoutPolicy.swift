/// The withdrawal rules that need no database: amount positive and at least the configured minimum.
public enum PayoutPolicy {
    /// Sentences describing every broken rule; empty when the request is acceptable.
    public static func violations(of request: PayoutRequest, minimum: Money) -> [String] {
        request.amount < minimum ? ["Minimum payout amount is \(minimum); requested \(request.amount)."] : []
    }

    /// The withdrawal's ledger movement: money leaves the available bucket.
    public static func requestMovement(_ payout: Payout) -> LedgerMovement {
        LedgerMovement(
            userID: payout.userID, bucket: .available, delta: .zero - payout.amount, reason: .payoutRequested,
            referenceID: payout.id.uuid)
    }

    /// The movements of a transition: completion pays out, failure refunds, processing moves nothing.
    public static func process(_ payout: Payout, to target: PayoutStatus) throws(PayoutError) -> [LedgerMovement] {
        guard payout.status.allowedTransitions.contains(target) else {
            throw .invalidTransition(payout.id, current: payout.status)
        }
        switch target {
        case .completed:
            return [movement(payout, .paid, .payoutCompleted)]
        case .failed:
            return [movement(payout, .available, .payoutFailed)]
        case .requested, .processing:
            return []
        }
    }

    private static func movement(_ payout: Payout, _ bucket: WalletBucket, _ reason: LedgerReason) -> LedgerMovement {
        LedgerMovement(
            userID: payout.userID, bucket: bucket, delta: payout.amount, reason: reason, referenceID: payout.id.uuid)
    }
}
