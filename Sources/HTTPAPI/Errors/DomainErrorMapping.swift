import Application
import Domain
import Foundation
import Hummingbird

/// The one place where domain errors become the spec's status codes, error codes, messages and details.
enum DomainErrorMapping {
    /// The envelope error for `error`, or `nil` when it is not a known domain error.
    static func apiError(for error: any Error) -> APIError? {
        switch error {
        case let error as APIError: error
        case let error as AuthError: map(error)
        case let error as UserError: map(error)
        case let error as MerchantError: map(error)
        case let error as OfferError: map(error)
        case let error as FeatureFlagError: map(error)
        case let error as PurchaseError: map(error)
        case let error as PayoutError: map(error)
        case let error as PartnerError: map(error)
        case WalletError.balanceWouldBeNegative:
            APIError(
                .conflict, code: "INSUFFICIENT_BALANCE", message: "The wallet balance cannot cover this movement.",
                details: ["action": "Retry once pending operations on this wallet have settled."])
        case is BoundedWork.Overloaded:
            APIError(
                .serviceUnavailable, code: "SERVICE_UNAVAILABLE",
                message: "Too many password checks are in progress. Please retry shortly.",
                details: ["action": "Retry after the number of seconds in Retry-After."],
                headers: [.retryAfter: "1"])
        case is ValueOutOfRange:
            APIError(
                .unprocessableContent, code: "VALUE_OUT_OF_RANGE",
                message: "The request would take a balance beyond what the books can hold (999999999999.99).",
                details: ["action": "Nothing was recorded. Split the amount or contact support."])
        case let error as DatabaseUnavailable:
            APIError(
                .serviceUnavailable, code: "SERVICE_UNAVAILABLE",
                message: "The service is temporarily unavailable. Please retry shortly.",
                details: [
                    "reason": .string(error.reason), "action": "Retry after the number of seconds in Retry-After.",
                ],
                headers: [.retryAfter: "2"])
        default: nil
        }
    }

    static func map(_ error: PartnerError) -> APIError {
        switch error {
        case .notFound(let id):
            APIError(
                .notFound, code: "PARTNER_NOT_FOUND", message: "Partner with ID '\(id)' does not exist.",
                details: ["resource_type": "partner", "resource_id": .string(id)])
        case .credentialNotFound(let keyID):
            APIError(
                .notFound, code: "PARTNER_CREDENTIAL_NOT_FOUND",
                message: "No usable credential '\(keyID)' for this partner.",
                details: ["resource_type": "partner_credential", "resource_id": .string(keyID)])
        case .duplicateName(let name):
            APIError(
                .conflict, code: "PARTNER_NAME_TAKEN", message: "A partner named '\(name)' already exists.",
                details: ["name": .string(name)])
        case .unknownMerchants(let ids):
            APIError(
                .unprocessableContent, code: "MERCHANT_NOT_FOUND", message: "Unknown merchant id(s).",
                details: ["merchant_ids": .array(ids.map { .string($0) })])
        case .notPartnerMerchant(let merchant):
            APIError(
                .forbidden, code: "FORBIDDEN",
                message: "This partner may not ingest purchases for merchant '\(merchant)'.",
                details: ["merchant_id": .string(merchant.description)])
        }
    }

    private static let bearerChallenge: HTTPFields = [.wwwAuthenticate: "Bearer"]
    private static let invalidTokenMessage =
        "Invalid token, or user does not have permissions to perform this action."

    static func map(_ error: AuthError) -> APIError {
        switch error {
        case .invalidToken:
            APIError(.unauthorized, code: "INVALID_TOKEN", message: invalidTokenMessage, headers: bearerChallenge)
        case .expiredToken:
            APIError(
                .unauthorized, code: "EXPIRED_TOKEN", message: "Access token has expired. Please refresh your token.",
                headers: bearerChallenge)
        case .userInactive(let id):
            APIError(
                .unauthorized, code: "USER_INACTIVE", message: "User account is inactive.",
                details: ["user_id": .string(id.description)], headers: bearerChallenge)
        case .forbidden:
            APIError(.forbidden, code: "FORBIDDEN", message: "You do not have permission to perform this action.")
        case .invalidCredentials:
            APIError(.unauthorized, code: "INVALID_CREDENTIALS", message: "Invalid email or password.")
        case .invalidRefreshToken:
            APIError(.unauthorized, code: "INVALID_REFRESH_TOKEN", message: "Invalid or expired refresh token.")
        case .tokenRevoked:
            APIError(
                .unauthorized, code: "TOKEN_REVOKED", message: "Refresh token has been revoked. Please log in again.")
        }
    }

    static func map(_ error: UserError) -> APIError {
        switch error {
        case .passwordNotComplexEnough(let reason):
            APIError(
                .badRequest, code: "PASSWORD_NOT_COMPLEX_ENOUGH",
                message: "Password does not meet complexity requirements.",
                details: ["violations": [["field": "password", "reason": .string(reason)]]])
        case .emailAlreadyRegistered(let email):
            APIError(
                .conflict, code: "EMAIL_ALREADY_REGISTERED", message: "Email '\(email)' is already registered.",
                details: ["email": .string(email.value)])
        }
    }

    static func map(_ error: MerchantError) -> APIError {
        switch error {
        case .percentageOutOfRange(let maximum):
            APIError(
                .conflict, code: "VALIDATION_ERROR", message: "Cashback percentage not valid.",
                details: [
                    "field": "default_cashback_percentage",
                    "reason": .string(
                        "Cashback percentage is not valid: Default cashback percentage must be between 0 and \(DecimalText.floatStyle(maximum))."
                    ),
                ])
        case .nameAlreadyExists(let name):
            APIError(
                .conflict, code: "MERCHANT_NAME_ALREADY_EXISTS",
                message: "Merchant with name '\(name)' already exists.",
                details: ["name": .string(name)])
        case .notFound(let id):
            notFound("merchant", "Merchant", id)
        }
    }

    static func map(_ error: OfferError) -> APIError {
        switch error {
        case .invalidDraft(let violation):
            APIError(
                .badRequest, code: "VALIDATION_ERROR", message: "Validation failed for request body.",
                details: ["violations": [violationObject(violation)]])
        case .invalidListQuery(let violations):
            APIError(
                .badRequest, code: "VALIDATION_ERROR", message: "Invalid query parameters.",
                details: ["violations": .array(violations.map(violationObject))])
        case .merchantNotFound(let id):
            notFound("merchant", "Merchant", id.description)
        case .merchantNotActive(let id):
            APIError(
                .unprocessableContent, code: "MERCHANT_NOT_ACTIVE",
                message: "Cannot create offer for merchant '\(id)'. Merchant is not active.",
                details: [
                    "merchant_id": .string(id.description), "action": "Activate the merchant before creating offers.",
                ])
        case .activeOfferAlreadyExists(let id):
            APIError(
                .conflict, code: "ACTIVE_OFFER_ALREADY_EXISTS",
                message:
                    "An active offer already exists for merchant '\(id)'. Deactivate the existing offer before creating a new one.",
                details: [
                    "merchant_id": .string(id.description),
                    "action": "Deactivate the existing offer before creating a new one.",
                ])
        case .notFound(let id):
            notFound("offer", "Offer", id)
        case .hidden(let id, let reason):
            APIError(
                .forbidden, code: "FORBIDDEN", message: "You do not have permission to view this offer.",
                details: [
                    "resource_type": "offer", "resource_id": .string(id.description),
                    "reason": .string(
                        reason == .offerInactive
                            ? "This offer is inactive. Only admin users can view inactive offers."
                            : "The merchant for this offer is inactive. Only admin users can view offers from inactive merchants."
                    ),
                ])
        }
    }

    static func map(_ error: FeatureFlagError) -> APIError {
        switch error {
        case .invalidKey(let key):
            APIError(
                .unprocessableContent, code: "VALIDATION_ERROR", message: "Invalid feature flag key.",
                details: ["key": .string(key)])
        case .scopeIDRequired(let scopeType):
            APIError(
                .unprocessableContent, code: "FEATURE_FLAG_SCOPE_ID_REQUIRED",
                message: "scope_id is required when scope_type is '\(scopeType)'.",
                details: ["scope_type": .string(scopeType)])
        case .scopeIDNotAllowed:
            APIError.validation([("scope_id", "scope_id must be absent when scope_type is 'global'")])
        case .notFound(let key, let scope):
            APIError(
                .notFound, code: "FEATURE_FLAG_NOT_FOUND",
                message: "Feature flag '\(key)' with the given scope was not found.",
                details: [
                    "key": .string(key), "scope_type": .string(scope.type),
                    "scope_id": scope.id.map { .string($0.uuidString.lowercased()) } ?? .null,
                ])
        }
    }

    private static func notFound(_ resourceType: String, _ noun: String, _ id: String) -> APIError {
        APIError(
            .notFound, code: "NOT_FOUND", message: "\(noun) with ID '\(id)' does not exist.",
            details: ["resource_type": .string(resourceType), "resource_id": .string(id)])
    }

    private static func violationObject(_ violation: Violation) -> JSONValue {
        ["field": .string(violation.field), "reason": .string(violation.reason)]
    }
}
