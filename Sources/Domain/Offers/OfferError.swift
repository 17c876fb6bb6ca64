/// Failures of the offer use cases, each one spec error code.
public enum OfferError: Error, Equatable, Sendable {
    /// 400 `VALIDATION_ERROR` "Validation failed for request body." with exactly one violation.
    case invalidDraft(Violation)
    /// 400 `VALIDATION_ERROR` "Invalid query parameters." with every failed check.
    case invalidListQuery([Violation])
    /// 404 `NOT_FOUND` (resource type merchant) while creating an offer.
    case merchantNotFound(MerchantID)
    /// 422 `MERCHANT_NOT_ACTIVE`.
    case merchantNotActive(MerchantID)
    /// 409 `ACTIVE_OFFER_ALREADY_EXISTS`.
    case activeOfferAlreadyExists(MerchantID)
    /// 404 `NOT_FOUND` (resource type offer).
    case notFound(String)
    /// 403 `FORBIDDEN`: a regular user asked for an offer they may not see.
    case hidden(OfferID, reason: OfferHiddenReason)
}

/// Why an offer is hidden from regular users.
public enum OfferHiddenReason: Equatable, Sendable {
    case offerInactive
    case merchantInactive
}
