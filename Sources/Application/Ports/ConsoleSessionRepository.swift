public import Domain
public import Foundation

/// One signed-in console browser (ADR 022). `keyHash` is the SHA-256 (hex) of the cookie's key: the key
/// itself is never stored.
public struct ConsoleSession: Equatable, Sendable {
    public let keyHash: String
    public let userID: UserID
    /// What every form of this session must send back.
    public let csrfToken: String
    public let createdAt: Date
    public let lastSeenAt: Date
    public let expiresAt: Date

    public init(
        keyHash: String, userID: UserID, csrfToken: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date
    ) {
        (self.keyHash, self.userID, self.csrfToken, self.createdAt, self.lastSeenAt, self.expiresAt) = (
            keyHash, userID, csrfToken, createdAt, lastSeenAt, expiresAt
        )
    }
}

/// Where console sessions are kept.
public protocol ConsoleSessionRepository: Sendable {
    func insert(_ session: ConsoleSession) async throws
    func find(keyHash: String) async throws -> ConsoleSession?
    /// Records a request of the session: `lastSeenAt` and a new expiry.
    func touch(keyHash: String, at now: Date, expiresAt: Date) async throws
    func delete(keyHash: String) async throws
    /// Removes up to `limit` sessions that expired before `now`; returns how many.
    func deleteExpired(before now: Date, limit: Int) async throws -> Int
}
