import Application
import Domain
import Foundation
import Hummingbird

/// The purchase and payout errors' spec codes, messages and details (part of the one error mapping).
extension DomainErrorMapping {
    static func map(_ error: PurchaseError) -> APIError {
        switch error {
        case .notOwnSubmission:
            APIError(
                .forbidden, code: "FORBIDDEN", message: "You can only ingest purchases on your own behalf.",
                details: ["reason": "The user_id in the request does not match the authenticated user."])
        case .duplicate(let existing):
            APIError(
                .conflict, code: "DUPLICATE_PURCHASE",
                message: "A purchase with external ID '\(existing.externalID)' has already been processed.",
                details: [
                    "external_id": .string(existing.externalID),
                    "previously_created_at": .string(WireFormat.naiveTimestamp(existing.createdAt)),
                    "previously_processed_amount": .string(existing.amount.description),
                    "action": "This request is idempotent and safe to retry. You will receive the same result.",
                ])
        case .unsupportedCurrency(let currency):
            APIError(
                .unprocessableContent, code: "UNSUPPORTED_CURRENCY",
                message: "Currency '\(currency)' is not supported. Only EUR is accepted at this time.",
                details: [
                    "currency": .string(currency), "reason": "The platform currently processes purchases in EUR only.",
                ])
        case .userNotEligible(let id):
            APIError(
                .unprocessableContent, code: "USER_NOT_ELIGIBLE", message: "User is not eligible to ingest purchases.",
                details: [
                    "user_id": .string(id.description),
                    "reason": "Purchase cannot be ingested for users who are non-existent or inactive.",
                ])
        case .merchantNotEligible(let id):
            APIError(
                .unprocessableContent, code: "MERCHANT_NOT_ELIGIBLE",
                message: "Merchant is not eligible to process purchases.",
                details: [
                    "merchant_id": .string(id.description),
                    "reason": "Purchases cannot be processed for merchants who are non-existent or inactive.",
                ])
        case .offerNotAvailable(let id):
            APIError(
                .unprocessableContent, code: "OFFER_NOT_AVAILABLE",
                message: "No active offer is available for merchant '\(id)'.",
                details: [
                    "merchant_id": .string(id.description),
                    "reason": "Purchases cannot be processed without a valid active offer for the merchant.",
                ])
        case .notFound(let id):
            APIError(
                .notFound, code: "NOT_FOUND", message: "Purchase with ID '\(id)' does not exist.",
                details: ["resource_type": "purchase", "resource_id": .string(id)])
        case .notOwner:
            // The contract's status, without the owner's id the original put in its details (rule
            // R-PURCHASE-DETAILS-OWNER in docs/rules.md): the answer names no one.
            APIError(
                .forbidden, code: "FORBIDDEN", message: "You do not have permission to access this purchase.",
                details: ["action": "Sign in as the purchase's owner."])
        case .notPending(let id, let current):
            APIError(
                .badRequest, code: "PURCHASE_NOT_PENDING",
                message: "Cannot confirm purchase '\(id)'. Purchase status is '\(current.rawValue)', not 'pending'.",
                details: [
                    "violations": [
                        [
                            "purchase_id": .string(id.description), "current_status": .string(current.rawValue),
                            "required_status": "pending",
                        ]
                    ]
                ])
        case .alreadyReversed(let id):
            notReversible(id, code: "PURCHASE_ALREADY_REVERSED", status: .reversed, wording: "already reversed")
        case .notReversible(let id, let current):
            notReversible(id, code: "PURCHASE_NOT_REVERSIBLE", status: current, wording: current.rawValue)
        case .invalidStatusFilter(let status):
            APIError(
                .unprocessableContent, code: "INVALID_PURCHASE_STATUS",
                message: "'\(status)' is not a valid purchase status. Allowed values: pending, confirmed, reversed.")
        }
    }

    static func map(_ error: PayoutError) -> APIError {
        switch error {
        case .insufficientBalance(let requested, let available, let pending, let owed):
            APIError(
                .conflict, code: "INSUFFICIENT_BALANCE",
                message: "Insufficient available balance. Requested: \(requested), Available: \(available)."
                    + (owed > .zero ? " Owed after a reversal: \(owed)." : ""),
                details: [
                    "requested_amount": .string(requested.description),
                    "available_balance": .string(available.description),
                    "pending_balance": .string(pending.description),
                    "owed_balance": .string(owed.description),
                    "action": owed > .zero
                        ? "Cashback reversed after it was withdrawn is owed; confirmed cashback pays it off first."
                        : "Request a smaller amount or wait for pending cashback to be confirmed.",
                ])
        case .policyViolation(let sentences):
            APIError(
                .unprocessableContent, code: "UNPROCESSABLE_ENTITY",
                message: "Payout request violates withdrawal policy.",
                details: [
                    "violations": .array(sentences.map(JSONValue.string)),
                    "action": "Adjust the request to satisfy the withdrawal policy.",
                ])
        case .notFound(let id):
            APIError(
                .notFound, code: "NOT_FOUND", message: "Payout with ID '\(id)' does not exist.",
                details: ["resource_type": "payout", "resource_id": .string(id)])
        case .invalidTransition(let id, let current):
            APIError(
                .badRequest, code: "VALIDATION_ERROR",
                message: "Cannot process payout '\(id)'. Payout is already \(current.rawValue).",
                details: [
                    "payout_id": .string(id.description), "current_status": .string(current.rawValue),
                    "allowed_transitions": .array(current.allowedTransitions.map { .string($0.rawValue) }),
                ])
        case .idempotencyKeyReused(let key):
            APIError(
                .conflict, code: "IDEMPOTENCY_KEY_REUSED",
                message: "Idempotency key '\(key)' was already used for a different payout request.",
                details: ["idempotency_key": .string(key)])
        }
    }

    private static func notReversible(_ id: PurchaseID, code: String, status: PurchaseStatus, wording: String)
        -> APIError
    {
        APIError(
            .badRequest, code: code, message: "Cannot reverse purchase '\(id)'. Purchase is \(wording).",
            details: [
                "violations": [
                    [
                        "purchase_id": .string(id.description), "current_status": .string(status.rawValue),
                        "reversible_from_statuses": ["pending", "confirmed"],
                    ]
                ]
            ])
    }
}
