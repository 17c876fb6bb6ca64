/// Failures of the payout use cases.
public enum PayoutError: Error, Equatable, Sendable {
    /// 409 `INSUFFICIENT_BALANCE`; `owed` is what a reversal left to pay back (ADR 017), which blocks payouts.
    case insufficientBalance(requested: Money, available: Money, pending: Money, owed: Money)
    /// 422 `UNPROCESSABLE_ENTITY`: the withdrawal policy refuses the request (one sentence per rule).
    case policyViolation([String])
    /// 404 `NOT_FOUND` (resource type payout).
    case notFound(String)
    /// 400 `VALIDATION_ERROR`: the payout is not in a state that allows the requested transition.
    case invalidTransition(PayoutID, current: PayoutStatus)
    /// 409 `IDEMPOTENCY_KEY_REUSED`: the key was already used for a different request.
    case idempotencyKeyReused(String)
}
