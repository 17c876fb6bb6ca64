import Application
import Domain
import Foundation
import Synchronization

/// A clock that stays where the test puts it.
final class FixedClock: WallClock {
    let instant: Mutex<Date>
    init(_ instant: Date = Date(timeIntervalSince1970: 1_781_524_800)) { self.instant = Mutex(instant) }  // 2026-06-15
    func now() -> Date { instant.withLock { $0 } }
    func advance(by seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A reversible "hash" so tests run instantly; records how many verifications ran.
final class FakeHasher: PasswordHasher {
    let verifications = Mutex(0)
    func hash(_ password: String) async throws -> String { "hashed:" + password }
    func verify(_ password: String, against hash: String) async throws -> Bool {
        verifications.withLock { $0 += 1 }
        return hash == "hashed:" + password
    }
}

/// Tokens that are readable strings: `access:<user>:<exp>` and `refresh:<user>:<n>`.
final class FakeTokens: TokenService {
    let issued = Mutex(0)
    let refreshLifetime: TimeInterval = 3600

    func issueTokens(for user: User, familyID: UUID, at instant: Date) async throws -> IssuedTokens {
        let serial = issued.withLock { count in
            count += 1
            return count
        }
        let refresh = "refresh:\(user.id):\(serial)"
        return IssuedTokens(
            accessToken: "access:\(user.id):\(Int(instant.timeIntervalSince1970) + 900)", refreshToken: refresh,
            refreshRecord: RefreshTokenRecord(
                id: UUID(), userID: user.id, tokenHash: "hash:" + refresh, familyID: familyID, issuedAt: instant,
                expiresAt: instant.addingTimeInterval(refreshLifetime)))
    }

    func verifyAccessToken(_ token: String, at instant: Date) async throws(AuthError) -> UserID {
        let parts = token.split(separator: ":")
        guard parts.count == 3, parts[0] == "access", let id = UserID(parsing: String(parts[1])),
            let exp = Double(parts[2])
        else { throw .invalidToken }
        guard exp > instant.timeIntervalSince1970 else { throw .expiredToken }
        return id
    }

    func verifyRefreshToken(_ token: String, at instant: Date) async throws(AuthError) -> VerifiedRefreshToken {
        let parts = token.split(separator: ":")
        guard parts.count == 3, parts[0] == "refresh", let id = UserID(parsing: String(parts[1])) else {
            throw .invalidRefreshToken
        }
        return VerifiedRefreshToken(userID: id, tokenHash: "hash:" + token)
    }
}

/// A probe whose answer the test sets.
struct FakeProbe: DatabaseProbe {
    let reachable: Bool
    struct Down: Error {}
    func ping() async throws { if !reachable { throw Down() } }
}
