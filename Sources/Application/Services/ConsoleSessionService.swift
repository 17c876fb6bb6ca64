public import Domain
public import Foundation

/// Signs admins in and out of the operations console and finds the admin behind a browser's session (ADR 022).
/// The HTTP layer makes each session's random key and CSRF token and keeps the key in a cookie; this service
/// stores only the key's hash. A session lasts until sign-out, `idleTimeout` without a request, or `maximumAge`
/// after sign-in, and only while its account is an active admin.
public struct ConsoleSessionService: Sendable {
    /// How long sessions last.
    public struct Lifetime: Sendable {
        public let idleTimeout: TimeInterval
        public let maximumAge: TimeInterval

        public init(idleTimeout: TimeInterval, maximumAge: TimeInterval) {
            (self.idleTimeout, self.maximumAge) = (idleTimeout, maximumAge)
        }
    }

    /// Why a sign-in made no session.
    public enum SignInError: Error, Equatable, Sendable {
        /// Wrong address or password (the two are not told apart).
        case invalidCredentials
        /// The account is real but not an active admin: the console is not for it.
        case notAnAdmin
    }

    let unitOfWork: any UnitOfWork
    let auth: AuthService
    let clock: any WallClock
    let lifetime: Lifetime

    public init(unitOfWork: any UnitOfWork, auth: AuthService, clock: any WallClock, lifetime: Lifetime) {
        (self.unitOfWork, self.auth, self.clock, self.lifetime) = (unitOfWork, auth, clock, lifetime)
    }

    /// Checks the credentials as the API's login does, then stores a new session under `keyHash`. A session the
    /// browser still carried (`replacing`) is ended first: every sign-in gets a key of its own, so a key planted
    /// before sign-in is worth nothing after it (no session fixation).
    public func signIn(
        email: EmailAddress, password: String, keyHash: String, csrfToken: String, replacing oldKeyHash: String?
    ) async throws -> ConsoleSession {
        let user: User
        do {
            user = try await auth.verifiedUser(email: email, password: password)
        } catch AuthError.invalidCredentials {
            throw SignInError.invalidCredentials
        }
        guard user.active, user.role == .admin else { throw SignInError.notAnAdmin }
        let now = clock.now()
        let session = ConsoleSession(
            keyHash: keyHash, userID: user.id, csrfToken: csrfToken, createdAt: now, lastSeenAt: now,
            expiresAt: now.addingTimeInterval(min(lifetime.idleTimeout, lifetime.maximumAge)))
        try await unitOfWork.transaction { repositories in
            if let oldKeyHash { try await repositories.consoleSessions.delete(keyHash: oldKeyHash) }
            try await repositories.consoleSessions.insert(session)
            // Sessions nobody came back to are removed a batch at a time, as sign-ins come.
            _ = try await repositories.consoleSessions.deleteExpired(before: now, limit: 100)
        }
        return session
    }

    /// The session stored under `keyHash` and its admin, with its idle expiry moved on (at most once a
    /// `touchInterval`); `nil` when there is no
    /// such session, it has expired (it is deleted), or its account is no longer an active admin.
    public func resolve(keyHash: String) async throws -> (session: ConsoleSession, admin: User)? {
        let now = clock.now()
        let found = try await unitOfWork.withConnection { repositories -> (ConsoleSession, User?)? in
            guard let session = try await repositories.consoleSessions.find(keyHash: keyHash) else { return nil }
            return (session, try await repositories.users.find(id: session.userID))
        }
        guard let (session, user) = found else { return nil }
        guard session.expiresAt > now, let user, user.active, user.role == .admin else {
            try await unitOfWork.transaction { try await $0.consoleSessions.delete(keyHash: keyHash) }
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) >= Self.touchInterval {
            let expiresAt = min(
                now.addingTimeInterval(lifetime.idleTimeout), session.createdAt.addingTimeInterval(lifetime.maximumAge))
            try await unitOfWork.transaction {
                try await $0.consoleSessions.touch(keyHash: keyHash, at: now, expiresAt: expiresAt)
            }
        }
        return (session, user)
    }

    /// How often a session's idle expiry is moved on: requests closer than this to the last move only read (a
    /// console page refreshes itself every 10 s). The idle timeout therefore counts from the last request to
    /// within this much.
    public static let touchInterval: TimeInterval = 60

    /// Ends the session; nothing happens when there is none.
    public func signOut(keyHash: String) async throws {
        try await unitOfWork.transaction { try await $0.consoleSessions.delete(keyHash: keyHash) }
    }
}
