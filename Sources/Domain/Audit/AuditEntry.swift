public import Foundation

/// One append-only line of the audit trail: who did what to which record, and how it went.
public struct AuditEntry: Equatable, Sendable {
    public let id: UUID
    public let occurredAt: Date
    public let actor: AuditActor
    public let action: AuditAction
    public let resourceType: String
    public let resourceID: String
    public let outcome: AuditOutcome
    public let details: [String: String]

    public init(
        id: UUID = UUID(), occurredAt: Date, actor: AuditActor, action: AuditAction, resourceType: String,
        resourceID: String, outcome: AuditOutcome = .success, details: [String: String] = [:]
    ) {
        (
            self.id, self.occurredAt, self.actor, self.action, self.resourceType, self.resourceID, self.outcome,
            self.details
        ) = (id, occurredAt, actor, action, resourceType, resourceID, outcome, details)
    }
}

/// Who caused an audited change.
public enum AuditActor: Equatable, Sendable {
    case system
    case admin(UserID)
    case user(UserID)
    case partner(PartnerID)

    /// The stored `actor_type`.
    public var type: String {
        switch self {
        case .system: "system"
        case .admin: "admin"
        case .user: "user"
        case .partner: "partner"
        }
    }

    /// The stored `actor_id`, null for the system.
    public var id: UUID? {
        switch self {
        case .system: nil
        case .admin(let id), .user(let id): id.uuid
        case .partner(let id): id.uuid
        }
    }
}

/// Whether the audited operation succeeded.
public enum AuditOutcome: String, Sendable {
    case success
    case failure
}

/// The audit vocabulary: the spec's actions plus the catalog administration ones this service adds.
public enum AuditAction: String, Sendable, CaseIterable {
    case purchaseIngested = "PURCHASE_INGESTED"
    case purchaseConfirmed = "PURCHASE_CONFIRMED"
    case purchaseRejected = "PURCHASE_REJECTED"
    case purchaseReversed = "PURCHASE_REVERSED"
    case withdrawalRequested = "WITHDRAWAL_REQUESTED"
    case withdrawalProcessed = "WITHDRAWAL_PROCESSED"
    case merchantCreated = "MERCHANT_CREATED"
    case merchantActivated = "MERCHANT_ACTIVATED"
    case merchantDeactivated = "MERCHANT_DEACTIVATED"
    case offerCreated = "OFFER_CREATED"
    case offerActivated = "OFFER_ACTIVATED"
    case offerDeactivated = "OFFER_DEACTIVATED"
    case featureFlagSet = "FEATURE_FLAG_SET"
    case featureFlagDeleted = "FEATURE_FLAG_DELETED"
    case partnerCreated = "PARTNER_CREATED"
    case partnerCredentialIssued = "PARTNER_CREDENTIAL_ISSUED"
    case partnerCredentialRotated = "PARTNER_CREDENTIAL_ROTATED"
    case jobItemRedriven = "JOB_ITEM_REDRIVEN"
    case partnerCredentialRevoked = "PARTNER_CREDENTIAL_REVOKED"
}
