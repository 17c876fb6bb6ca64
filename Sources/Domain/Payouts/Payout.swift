public import Foundation

/// A withdrawal of available cashback towards the user's bank account or card.
public struct Payout: Equatable, Sendable {
    public let id: PayoutID
    public let userID: UserID
    public let amount: Money
    public let method: PayoutMethod
    /// Destination details (IBAN and holder, or a card token); never a full card number.
    public let details: [String: String]
    public let status: PayoutStatus
    /// The client's `Idempotency-Key`, so a retried request never withdraws twice.
    public let idempotencyKey: String?
    public let requestedAt: Date
    public let processedAt: Date?
    public let externalReference: String?

    public init(
        id: PayoutID, userID: UserID, amount: Money, method: PayoutMethod, details: [String: String],
        status: PayoutStatus, idempotencyKey: String?, requestedAt: Date, processedAt: Date?, externalReference: String?
    ) {
        (
            self.id, self.userID, self.amount, self.method, self.details, self.status, self.idempotencyKey,
            self.requestedAt, self.processedAt, self.externalReference
        ) = (id, userID, amount, method, details, status, idempotencyKey, requestedAt, processedAt, externalReference)
    }
}

/// Identifies a `Payout`.
public typealias PayoutID = TypedID<Payout>

/// How the money is sent.
public enum PayoutMethod: String, Sendable, CaseIterable {
    case bankTransfer = "bank_transfer"
    case card
}

/// The payout lifecycle: requested → (processing →) completed | failed.
public enum PayoutStatus: String, Sendable, CaseIterable {
    case requested
    case processing
    case completed
    case failed

    /// The states an admin (or the settlement job) may move a payout to from this one.
    public var allowedTransitions: [PayoutStatus] {
        switch self {
        case .requested: [.processing, .completed, .failed]
        case .processing: [.completed, .failed]
        case .completed, .failed: []
        }
    }
}

/// A user's withdrawal request after schema validation.
public struct PayoutRequest: Equatable, Sendable {
    public let amount: Money
    public let method: PayoutMethod
    public let details: [String: String]
    public let idempotencyKey: String?

    public init(amount: Money, method: PayoutMethod, details: [String: String], idempotencyKey: String?) {
        (self.amount, self.method, self.details, self.idempotencyKey) = (amount, method, details, idempotencyKey)
    }
}
