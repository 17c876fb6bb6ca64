/// Who posts a purchase: a user, for themselves, or a partner, for its own merchants and any user (ADR 015).
public enum Submitter: Sendable {
    /// Only the id: the account is checked in the ingestion's own read (ADR 041).
    case user(UserID)
    case partner(Partner)

    /// The audit actor of what the submitter ingests.
    public var actor: AuditActor {
        switch self {
        case .user(let id): .user(id)
        case .partner(let partner): .partner(partner.id)
        }
    }

    /// Where the submitter's external ids live (ADR 040): a partner's are its own; users share one namespace
    /// (`nil`), where an id is unique whoever posted it, as the API spec has it.
    public var namespace: PartnerID? {
        switch self {
        case .user: nil
        case .partner(let partner): partner.id
        }
    }
}
