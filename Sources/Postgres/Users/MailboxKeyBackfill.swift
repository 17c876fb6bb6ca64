import Domain
public import Foundation
public import Logging
public import PostgresNIO

/// Gives every account stored without a mailbox key (rows older than migration 0007, or written by an older
/// binary during a rolling upgrade) its key, computed by `EmailAddress.mailboxKey(of:)` — Unicode folding and
/// Punycode cannot be done in SQL. Run by `clicknback migrate` after the SQL migrations; idempotent.
///
/// When another account already holds the key (the same mailbox registered twice under different spellings),
/// the later row keeps no key and is reported: both accounts may hold money, so merging them is an operator's
/// decision (docs/runbook.md), never the migration's. Such a row can still log in with its exact address.
public struct MailboxKeyBackfill: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        (self.client, self.logger) = (client, logger)
    }

    /// An account left without a key because an older account already holds its mailbox.
    public struct SharedMailbox: Equatable, Sendable {
        public let userID: UUID
        public let keptBy: UUID

        public init(userID: UUID, keptBy: UUID) {
            (self.userID, self.keptBy) = (userID, keptBy)
        }
    }

    /// Keys what can be keyed, oldest accounts first; returns the accounts that share a mailbox.
    @discardableResult
    public func run() async throws -> [SharedMailbox] {
        try await client.withConnection { connection in
            let rows = try await connection.query(
                "SELECT id, email FROM users WHERE mailbox_key IS NULL ORDER BY created_at, id", logger: logger)
            var pending: [(UUID, String)] = []
            for try await row in rows.decode((UUID, String).self) { pending.append(row) }
            var shared: [SharedMailbox] = []
            for (id, email) in pending {
                let key = EmailAddress.mailboxKey(of: email) ?? email.lowercased()
                do {
                    guard let holder = try await assign(key, to: id, on: connection) else { continue }
                    shared.append(SharedMailbox(userID: id, keptBy: holder))
                    logger.warning(
                        "two accounts share a mailbox; the later one keeps no mailbox key",
                        metadata: [
                            "user_id": .string(id.uuidString.lowercased()),
                            "kept_by": .string(holder.uuidString.lowercased()),
                        ])
                } catch let error as PSQLError where error.code == .server {
                    // One row the database will not take (a key too long to index, say) must not stop the
                    // migration, and with it every process that waits for it: it stays keyless and reported.
                    logger.warning(
                        "an account cannot get a mailbox key",
                        metadata: [
                            "user_id": .string(id.uuidString.lowercased()),
                            "sqlstate": .string(error.serverInfo?[.sqlState] ?? "unknown"),
                        ])
                }
            }
            return shared
        }
    }

    /// `nil` once assigned; the id of the account that holds `key` already otherwise (also when an API process
    /// registered that mailbox while this ran: the unique index decides).
    private func assign(_ key: String, to id: UUID, on connection: PostgresConnection) async throws -> UUID? {
        do {
            let rows = try await connection.query(
                """
                WITH holder AS (SELECT id FROM users WHERE mailbox_key = \(key) AND id <> \(id))
                UPDATE users SET mailbox_key = \(key) WHERE id = \(id) AND NOT EXISTS (SELECT 1 FROM holder)
                RETURNING NULL::uuid
                """, logger: logger)
            for try await _ in rows { return nil }
        } catch  where UniqueViolation.matches(error, constraint: "users_mailbox_key_key") {}
        let holders = try await connection.query(
            "SELECT id FROM users WHERE mailbox_key = \(key) AND id <> \(id)", logger: logger)
        for try await holder in holders.decode(UUID.self) { return holder }
        return nil
    }
}
