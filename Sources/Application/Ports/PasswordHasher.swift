/// One-way password hashing (bcrypt in production, something cheap in unit tests).
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async throws -> String
    /// Whether `password` matches `hash`; `false` for a malformed hash. Throws only when the work cannot be done
    /// now (too many hashes in progress), never for a wrong password.
    func verify(_ password: String, against hash: String) async throws -> Bool
}
