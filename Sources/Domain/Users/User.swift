public import Foundation

/// A person with an account: the owner of purchases and a wallet, or an admin.
public struct User: Equatable, Sendable {
    public let id: UserID
    public let email: EmailAddress
    public let passwordHash: String
    public let role: Role
    public let active: Bool
    public let createdAt: Date

    public init(id: UserID, email: EmailAddress, passwordHash: String, role: Role, active: Bool, createdAt: Date) {
        (self.id, self.email, self.passwordHash, self.role, self.active, self.createdAt) = (
            id, email, passwordHash, role, active, createdAt
        )
    }
}

/// Identifies a `User`.
public typealias UserID = TypedID<User>

/// What an account may do; admins are assigned only through the database.
public enum Role: String, Sendable, CaseIterable {
    case user
    case admin
}
