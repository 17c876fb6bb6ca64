public import Domain
import Foundation

/// Login, refresh-token rotation and access-token authentication.
public struct AuthService: Sendable {
    let unitOfWork: any UnitOfWork
    let hasher: any PasswordHasher
    let tokens: any TokenService
    let clock: any WallClock
    /// A real bcrypt hash of a random password, checked when the e-mail is unknown so that an unknown
    /// address costs the same time as a wrong password.
    let decoyHash: String
    let callers: CallerReader

    public init(
        unitOfWork: any UnitOfWork, hasher: any PasswordHasher, tokens: any TokenService, clock: any WallClock,
        decoyHash: String
    ) {
        (self.unitOfWork, self.hasher, self.tokens, self.clock, self.decoyHash) = (
            unitOfWork, hasher, tokens, clock, decoyHash
        )
        callers = CallerReader(unitOfWork: unitOfWork)
    }

    /// Checks the credentials and issues a token pair that starts a new refresh family. A password longer than
    /// bcrypt reads (`PasswordPolicy.maximumBytes`) is wrong by definition: no account can have one, and bcrypt
    /// would otherwise accept it for the account whose password is its first 72 bytes.
    public func login(email: EmailAddress, password: String) async throws -> IssuedTokens {
        let user = try await verifiedUser(email: email, password: password)
        let issued = try await tokens.issueTokens(for: user, familyID: UUID(), at: clock.now())
        try await unitOfWork.transaction { try await $0.refreshTokens.insert(issued.refreshRecord) }
        return issued
    }

    /// The account whose password this is. An unknown address costs a bcrypt check too (the decoy), so
    /// timing does not tell which addresses have accounts; both refusals are `invalidCredentials`.
    public func verifiedUser(email: EmailAddress, password: String) async throws -> User {
        guard password.utf8.count <= PasswordPolicy.maximumBytes else { throw AuthError.invalidCredentials }
        let user = try await unitOfWork.withConnection { try await $0.users.find(email: email) }
        guard let user else {
            _ = try await hasher.verify(password, against: decoyHash)
            throw AuthError.invalidCredentials
        }
        guard try await hasher.verify(password, against: user.passwordHash) else { throw AuthError.invalidCredentials }
        return user
    }

    /// Rotates a refresh token: the old one becomes used, a new pair is issued in the same family.
    /// Presenting a token that was already used revokes its whole family (theft detection).
    public func refresh(refreshToken: String) async throws -> IssuedTokens {
        let now = clock.now()
        let verified = try await tokens.verifyRefreshToken(refreshToken, at: now)
        let outcome = try await unitOfWork.transaction { repositories in
            try await rotate(verified, now: now, repositories: repositories)
        }
        switch outcome {
        case .rotated(let issued): return issued
        case .refused(let error): throw error
        }
    }

    /// Resolves a bearer token to an active user, re-reading the account so role and activity are current
    /// (concurrent requests share the read: `CallerReader`).
    public func authenticate(accessToken: String) async throws -> User {
        let userID = try await tokens.verifyAccessToken(accessToken, at: clock.now())
        let user = try await callers.read(userID)
        guard let user else { throw AuthError.invalidToken }
        guard user.active else { throw AuthError.userInactive(user.id) }
        return user
    }

    /// The user a valid access token names, without reading the account: for the one route whose own statement
    /// reads the account and checks it first (purchase ingestion, ADR 041), so that it costs no round of its own.
    public func verifiedUserID(accessToken: String) async throws(AuthError) -> UserID {
        try await tokens.verifyAccessToken(accessToken, at: clock.now())
    }

    /// A refusal is returned rather than thrown so that a family revocation still commits.
    private enum RotationOutcome: Sendable {
        case rotated(IssuedTokens)
        case refused(AuthError)
    }

    private func rotate(
        _ verified: VerifiedRefreshToken, now: Date, repositories: any Repositories
    ) async throws -> RotationOutcome {
        guard let record = try await repositories.refreshTokens.find(tokenHash: verified.tokenHash),
            record.userID == verified.userID, now < record.expiresAt
        else { return .refused(.invalidRefreshToken) }
        guard let user = try await repositories.users.find(id: record.userID) else {
            return .refused(.invalidRefreshToken)
        }
        // A deactivated account's sessions end: its refresh family is revoked, as on theft.
        guard user.active else {
            try await repositories.refreshTokens.revokeFamily(record.familyID, at: now)
            return .refused(.userInactive(user.id))
        }
        guard record.usedAt == nil, record.revokedAt == nil,
            try await repositories.refreshTokens.markUsed(tokenHash: record.tokenHash, at: now)
        else {
            try await repositories.refreshTokens.revokeFamily(record.familyID, at: now)
            return .refused(.tokenRevoked)
        }
        let issued = try await tokens.issueTokens(for: user, familyID: record.familyID, at: now)
        try await repositories.refreshTokens.insert(issued.refreshRecord)
        return .rotated(issued)
    }
}
