import Application
import Domain
import Foundation

/// Console sessions in memory, keyed by the hash of their cookie key.
struct InMemoryConsoleSessions: ConsoleSessionRepository {
    let working: WorkingCopy
    func insert(_ session: ConsoleSession) async throws {
        working.state.withLock { $0.consoleSessions[session.keyHash] = session }
    }
    func find(keyHash: String) async throws -> ConsoleSession? {
        working.state.withLock { $0.consoleSessions[keyHash] }
    }
    func touch(keyHash: String, at now: Date, expiresAt: Date) async throws {
        working.state.withLock { state in
            guard let old = state.consoleSessions[keyHash] else { return }
            state.consoleSessions[keyHash] = ConsoleSession(
                keyHash: old.keyHash, userID: old.userID, csrfToken: old.csrfToken, createdAt: old.createdAt,
                lastSeenAt: now, expiresAt: expiresAt)
        }
    }
    func delete(keyHash: String) async throws {
        _ = working.state.withLock { $0.consoleSessions.removeValue(forKey: keyHash) }
    }
    func deleteExpired(before now: Date, limit: Int) async throws -> Int {
        working.state.withLock { state in
            let expired = state.consoleSessions.values.filter { $0.expiresAt < now }.prefix(limit)
            for session in expired { state.consoleSessions[session.keyHash] = nil }
            return expired.count
        }
    }
}
