import Application
import Domain
import Foundation
import PostgresNIO

/// Accounts in the `users` table, one per mailbox (`mailbox_key`, ADR 019).
struct PostgresUserRepository: UserRepository {
    let connection: PostgresConnection
    let logger: Logger

    private static let columns = "id, email, mailbox_key, hashed_password, role, active, created_at"

    func insert(_ user: User) async throws -> Bool {
        do {
            try await connection.query(
                """
                INSERT INTO users (id, email, mailbox_key, hashed_password, role, active, created_at)
                VALUES (\(user.id.uuid), \(user.email.value), \(user.email.mailboxKey), \(user.passwordHash),
                        \(user.role.rawValue), \(user.active), \(user.createdAt))
                """, logger: logger)
            return true
        } catch
            where UniqueViolation.matches(error, constraint: "users_email_key")
            || UniqueViolation.matches(error, constraint: "users_mailbox_key_key")
        {
            return false
        }
    }

    func find(id: UserID) async throws -> User? {
        try await first(
            PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM users WHERE id = $1", binds: binding(id.uuid)))
    }

    func find(ids: [UserID]) async throws -> [User] {
        var binds = PostgresBindings()
        binds.append(ids.map(\.uuid))
        return try await all(
            PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM users WHERE id = ANY($1)", binds: binds))
    }

    /// The account of this mailbox. An account stored exactly as typed wins, so an old duplicate that
    /// `clicknback migrate` could not key (it shares a mailbox with an older account) can still log in.
    func find(email: EmailAddress) async throws -> User? {
        var binds = PostgresBindings()
        binds.append(email.mailboxKey)
        binds.append(email.value)
        return try await first(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(Self.columns) FROM users WHERE mailbox_key = $1 OR email = $2
                    ORDER BY email = $2 DESC LIMIT 1
                    """, binds: binds))
    }

    private func first(_ query: PostgresQuery) async throws -> User? {
        try await all(query).first
    }

    private func all(_ query: PostgresQuery) async throws -> [User] {
        let rows = try await connection.query(query, logger: logger)
        var users: [User] = []
        for try await (id, email, mailboxKey, hash, role, active, createdAt) in rows.decode(
            (UUID, String, String?, String, String, Bool, Date).self)
        {
            users.append(
                User(
                    id: UserID(id), email: EmailAddress(trusted: email, storedKey: mailboxKey), passwordHash: hash,
                    role: Role(rawValue: role) ?? .user,
                    active: active, createdAt: createdAt))
        }
        return users
    }
}

/// One bound parameter, for queries whose SQL text is a shared constant.
func binding(_ value: some PostgresDynamicTypeEncodable) -> PostgresBindings {
    var bindings = PostgresBindings()
    bindings.append(value)
    return bindings
}
