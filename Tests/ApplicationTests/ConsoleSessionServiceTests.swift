import Application
import Domain
import Foundation
import Testing

/// Console sessions over the in-memory store: the sliding idle expiry is written at most once a minute, never
/// past the maximum age, and a session ends once its admin is demoted or it expires.
@Suite struct ConsoleSessionServiceTests {
    let store = InMemoryStore()
    let clock = FixedClock()
    let carol = User(
        id: .random(), email: EmailAddress(trusted: "carol@example.com"), passwordHash: "hashed:Str0ng!Pass",
        role: .admin, active: true, createdAt: Date())

    var service: ConsoleSessionService {
        ConsoleSessionService(
            unitOfWork: store,
            auth: AuthService(
                unitOfWork: store, hasher: FakeHasher(), tokens: FakeTokens(), clock: clock, decoyHash: "hashed:decoy"),
            clock: clock, lifetime: .init(idleTimeout: 1800, maximumAge: 3600))
    }

    init() { store.seed { [carol] in $0.users = [carol] } }

    func signIn() async throws -> ConsoleSession {
        try await service.signIn(
            email: carol.email, password: "Str0ng!Pass", keyHash: "k", csrfToken: "t", replacing: nil)
    }

    @Test func theIdleExpirySlidesAtMostOnceAMinuteAndNeverPastTheMaximumAge() async throws {
        let session = try await signIn()
        let commits = store.commits
        clock.advance(by: 30)
        #expect(try await service.resolve(keyHash: "k")?.admin == carol)
        #expect(store.commits == commits, "a request within the minute only reads")
        #expect(store.snapshot.consoleSessions["k"]?.expiresAt == session.expiresAt)
        clock.advance(by: 40)
        _ = try await service.resolve(keyHash: "k")
        #expect(store.commits == commits + 1)
        #expect(store.snapshot.consoleSessions["k"]?.expiresAt == clock.now().addingTimeInterval(1800))
        for _ in 0..<2 {
            clock.advance(by: 1700)
            #expect(try await service.resolve(keyHash: "k") != nil, "each request within the idle timeout")
        }
        #expect(store.snapshot.consoleSessions["k"]?.expiresAt == session.createdAt.addingTimeInterval(3600))
        clock.advance(by: 200)
        #expect(try await service.resolve(keyHash: "k") == nil, "past the maximum age")
        #expect(store.snapshot.consoleSessions["k"] == nil, "and deleted")
    }

    @Test func aDemotedAdminsSessionEndsAtTheNextRequest() async throws {
        _ = try await signIn()
        store.seed { state in
            state.users = state.users.map {
                User(
                    id: $0.id, email: $0.email, passwordHash: $0.passwordHash, role: .user, active: $0.active,
                    createdAt: $0.createdAt)
            }
        }
        #expect(try await service.resolve(keyHash: "k") == nil)
        #expect(store.snapshot.consoleSessions.isEmpty)
        #expect(try await service.resolve(keyHash: "unknown") == nil)
    }
}
