/// Failures of the purchase use cases, each one spec error code.
public enum PurchaseError: Error, Equatable, Sendable {
    /// 403 `FORBIDDEN`: the body's `user_id` is not the caller.
    case notOwnSubmission
    /// 409 `DUPLICATE_PURCHASE`, with the stored purchase.
    case duplicate(Purchase)
    /// 422 `UNSUPPORTED_CURRENCY`, with the currency as sent.
    case unsupportedCurrency(String)
    /// 422 `USER_NOT_ELIGIBLE`.
    case userNotEligible(UserID)
    /// 422 `MERCHANT_NOT_ELIGIBLE`.
    case merchantNotEligible(MerchantID)
    /// 422 `OFFER_NOT_AVAILABLE`.
    case offerNotAvailable(MerchantID)
    /// 404 `NOT_FOUND` (resource type purchase), with the id as given.
    case notFound(String)
    /// 403 `FORBIDDEN`: the purchase belongs to someone else.
    case notOwner(purchase: PurchaseID, owner: UserID, caller: UserID)
    /// 400 `PURCHASE_NOT_PENDING`.
    case notPending(PurchaseID, current: PurchaseStatus)
    /// 400 `PURCHASE_ALREADY_REVERSED`.
    case alreadyReversed(PurchaseID)
    /// 400 `PURCHASE_NOT_REVERSIBLE`: rejected purchases cannot be reversed (rule R-REVERSAL, docs/rules.md).
    case notReversible(PurchaseID, current: PurchaseStatus)
    /// 422 `INVALID_PURCHASE_STATUS`.
    case invalidStatusFilter(String)
}
