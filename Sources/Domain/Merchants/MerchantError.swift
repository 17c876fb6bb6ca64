public import Foundation

/// Failures of the merchant use cases.
public enum MerchantError: Error, Equatable, Sendable {
    /// 409 `VALIDATION_ERROR`: default percentage outside `0…max`.
    case percentageOutOfRange(maximum: Decimal)
    /// 409 `MERCHANT_NAME_ALREADY_EXISTS`.
    case nameAlreadyExists(String)
    /// 404 `NOT_FOUND` (resource type merchant).
    case notFound(String)
}
