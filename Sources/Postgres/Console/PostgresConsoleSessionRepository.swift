import Application
import Domain
import Foundation
import PostgresNIO

/// Console sessions in `console_sessions`, found by the hash of their cookie key (ADR 022).
struct PostgresConsoleSessionRepository: ConsoleSessionRepository {
    let connection: PostgresConnection
    let logger: Logger

    func insert(_ session: ConsoleSession) async throws {
        try await connection.query(
            """
            INSERT INTO console_sessions (key_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
            VALUES (\(session.keyHash), \(session.userID.uuid), \(session.csrfToken), \(session.createdAt),
                    \(session.lastSeenAt), \(session.expiresAt))
            """, logger: logger)
    }

    func find(keyHash: String) async throws -> ConsoleSession? {
        let rows = try await connection.query(
            """
            SELECT key_hash, user_id, csrf_token, created_at, last_seen_at, expires_at
            FROM console_sessions WHERE key_hash = \(keyHash)
            """, logger: logger)
        for try await (hash, userID, csrf, createdAt, lastSeenAt, expiresAt) in rows.decode(
            (String, UUID, String, Date, Date, Date).self)
        {
            return ConsoleSession(
                keyHash: hash, userID: UserID(userID), csrfToken: csrf, createdAt: createdAt, lastSeenAt: lastSeenAt,
                expiresAt: expiresAt)
        }
        return nil
    }

    func touch(keyHash: String, at now: Date, expiresAt: Date) async throws {
        try await connection.query(
            "UPDATE console_sessions SET last_seen_at = \(now), expires_at = \(expiresAt) WHERE key_hash = \(keyHash)",
            logger: logger)
    }

    func delete(keyHash: String) async throws {
        try await connection.query("DELETE FROM console_sessions WHERE key_hash = \(keyHash)", logger: logger)
    }

    func deleteExpired(before now: Date, limit: Int) async throws -> Int {
        let rows = try await connection.query(
            """
            DELETE FROM console_sessions WHERE key_hash IN (
                SELECT key_hash FROM console_sessions WHERE expires_at < \(now) LIMIT \(limit))
            RETURNING 1
            """, logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }
}
