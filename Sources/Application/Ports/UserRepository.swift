public import Domain

/// Stores accounts. E-mail uniqueness is the database's job: `insert` reports a taken address.
public protocol UserRepository: Sendable {
    /// Inserts the user; returns `false` when the e-mail is already registered (unique constraint).
    func insert(_ user: User) async throws -> Bool
    func find(id: UserID) async throws -> User?
    /// The accounts of these ids that exist, in no particular order (the callers of concurrent requests).
    func find(ids: [UserID]) async throws -> [User]
    func find(email: EmailAddress) async throws -> User?
}
