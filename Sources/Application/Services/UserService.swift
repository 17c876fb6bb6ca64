public import Domain
import Foundation

/// Registration and the caller's own account.
public struct UserService: Sendable {
    let unitOfWork: any UnitOfWork
    let hasher: any PasswordHasher
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, hasher: any PasswordHasher, clock: any WallClock) {
        (self.unitOfWork, self.hasher, self.clock) = (unitOfWork, hasher, clock)
    }

    /// Creates an active `user` account: password policy, then e-mail uniqueness, then bcrypt and insert.
    public func register(email: EmailAddress, password: String) async throws -> User {
        if let reason = PasswordPolicy.firstViolation(of: password) {
            throw UserError.passwordNotComplexEnough(reason: reason)
        }
        let existing = try await unitOfWork.withConnection { try await $0.users.find(email: email) }
        guard existing == nil else { throw UserError.emailAlreadyRegistered(email) }
        let user = User(
            id: .random(), email: email, passwordHash: try await hasher.hash(password), role: .user, active: true,
            createdAt: clock.now())
        let inserted = try await unitOfWork.transaction { try await $0.users.insert(user) }
        guard inserted else { throw UserError.emailAlreadyRegistered(email) }
        return user
    }
}
