import Application
import Domain
import Foundation
import PostgresNIO

/// Refresh-token hashes in `refresh_tokens`; rotation is one conditional update so only one request wins.
struct PostgresRefreshTokenRepository: RefreshTokenRepository {
    let connection: PostgresConnection
    let logger: Logger

    func insert(_ record: RefreshTokenRecord) async throws {
        try await connection.query(
            """
            INSERT INTO refresh_tokens (id, user_id, token_hash, family_id, issued_at, expires_at)
            VALUES (\(record.id), \(record.userID.uuid), \(record.tokenHash), \(record.familyID),
                    \(record.issuedAt), \(record.expiresAt))
            """, logger: logger)
    }

    func find(tokenHash: String) async throws -> RefreshTokenRecord? {
        let rows = try await connection.query(
            """
            SELECT id, user_id, token_hash, family_id, issued_at, expires_at, used_at, revoked_at
            FROM refresh_tokens WHERE token_hash = \(tokenHash)
            """, logger: logger)
        for try await (id, userID, hash, family, issuedAt, expiresAt, usedAt, revokedAt) in rows.decode(
            (UUID, UUID, String, UUID, Date, Date, Date?, Date?).self)
        {
            return RefreshTokenRecord(
                id: id, userID: UserID(userID), tokenHash: hash, familyID: family, issuedAt: issuedAt,
                expiresAt: expiresAt, usedAt: usedAt, revokedAt: revokedAt)
        }
        return nil
    }

    func markUsed(tokenHash: String, at instant: Date) async throws -> Bool {
        let rows = try await connection.query(
            """
            UPDATE refresh_tokens SET used_at = \(instant), rotation_count = rotation_count + 1
            WHERE token_hash = \(tokenHash) AND used_at IS NULL AND revoked_at IS NULL
            RETURNING id
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    func revokeFamily(_ familyID: UUID, at instant: Date) async throws {
        try await connection.query(
            "UPDATE refresh_tokens SET revoked_at = \(instant) WHERE family_id = \(familyID) AND revoked_at IS NULL",
            logger: logger)
    }
}
