public import Domain
public import Foundation

/// Stores accounts. E-mail uniqueness is the database's job: `insert` reports a taken address.
public protocol UserRepository: Sendable {
    /// Inserts the user; returns `false` when the e-mail is already registered (unique constraint).
    func insert(_ user: User) async throws -> Bool
    func find(id: UserID) async throws -> User?
    func find(email: EmailAddress) async throws -> User?
}

/// Stores refresh-token hashes and their rotation state.
public protocol RefreshTokenRepository: Sendable {
    func insert(_ record: RefreshTokenRecord) async throws
    func find(tokenHash: String) async throws -> RefreshTokenRecord?
    /// Marks the token used only if it is still unused and unrevoked; `false` means someone got there first.
    func markUsed(tokenHash: String, at instant: Date) async throws -> Bool
    /// Revokes every token of a family (reuse of a rotated token).
    func revokeFamily(_ familyID: UUID, at instant: Date) async throws
}

/// Stores merchants. Name uniqueness is enforced by a unique index.
public protocol MerchantRepository: Sendable {
    /// Inserts the merchant; returns `false` when the name is taken.
    func insert(_ merchant: Merchant) async throws -> Bool
    /// Reads the merchant and holds its row lock until the transaction ends, serializing offer creation.
    func lock(id: MerchantID) async throws -> Merchant?
    func list(active: Bool?, page: PageRequest) async throws -> Page<Merchant>
    /// Sets `active`; returns the updated merchant, or `nil` when it does not exist.
    func setActive(id: MerchantID, active: Bool) async throws -> Merchant?
}

/// Stores offers and answers the catalogue queries.
public protocol OfferRepository: Sendable {
    func insert(_ offer: Offer) async throws
    func hasActiveOffer(merchantID: MerchantID) async throws -> Bool
    func find(id: OfferID) async throws -> OfferListing?
    func list(filter: OfferListFilter, page: PageRequest) async throws -> Page<Offer>
    /// Active offers of active merchants valid on `day`.
    func listVisible(on day: CalendarDate, page: PageRequest) async throws -> Page<OfferListing>
    func setActive(id: OfferID, active: Bool) async throws -> Offer?
}

/// Stores feature flags, one record per `(key, scope type, scope id)`.
public protocol FeatureFlagRepository: Sendable {
    /// Inserts or updates the record of the assignment's scope (atomic upsert).
    func upsert(_ assignment: FlagAssignment, at instant: Date) async throws -> FeatureFlag
    func find(key: String, scope: FlagScope) async throws -> FeatureFlag?
    func list(filter: FlagListFilter, page: PageRequest) async throws -> Page<FeatureFlag>
    /// Deletes exactly one scope's record; `false` when there was none.
    func delete(key: String, scope: FlagScope) async throws -> Bool
}

/// The append-only audit trail.
public protocol AuditRepository: Sendable {
    func append(_ entry: AuditEntry) async throws
}
