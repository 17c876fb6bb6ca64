import Application
import Domain
import Foundation
import Testing

@Suite struct UserServiceTests {
    let store = InMemoryStore()
    var service: UserService { UserService(unitOfWork: store, hasher: FakeHasher(), clock: FixedClock()) }

    @Test func registersAnActiveUserInOneCommit() async throws {
        let user = try await service.register(
            email: try EmailAddress(parsing: "new@example.com"), password: "Str0ng!Pass")
        #expect(user.role == .user && user.active)
        #expect(user.passwordHash == "hashed:Str0ng!Pass")
        #expect(store.commits == 1)
        #expect(store.snapshot.users == [user])
    }

    @Test func aWeakPasswordNeverOpensATransaction() async throws {
        await #expect(throws: UserError.passwordNotComplexEnough(reason: "Password must contain at least one digit.")) {
            try await service.register(email: try EmailAddress(parsing: "new@example.com"), password: "NoDigits!!")
        }
        #expect(store.commits == 0 && store.rollbacks == 0)
    }

    @Test func aTakenEmailIsRefusedAndNothingIsWritten() async throws {
        let email = try EmailAddress(parsing: "taken@example.com")
        _ = try await service.register(email: email, password: "Str0ng!Pass")
        await #expect(throws: UserError.emailAlreadyRegistered(email)) {
            try await service.register(email: email, password: "Str0ng!Pass2")
        }
        #expect(store.snapshot.users.count == 1)
        #expect(store.commits == 1)
    }
}

@Suite struct AuthServiceTests {
    let store = InMemoryStore()
    let hasher = FakeHasher()
    let clock = FixedClock()
    let tokens = FakeTokens()
    let alice = User(
        id: .random(), email: EmailAddress(trusted: "alice@example.com"), passwordHash: "hashed:Str0ng!Pass",
        role: .user, active: true, createdAt: Date())

    var service: AuthService {
        AuthService(unitOfWork: store, hasher: hasher, tokens: tokens, clock: clock, decoyHash: "hashed:decoy")
    }

    init() { store.seed { [alice] in $0.users = [alice] } }

    @Test func loginIssuesTokensAndStoresOnlyTheRefreshHash() async throws {
        let issued = try await service.login(email: alice.email, password: "Str0ng!Pass")
        #expect(store.commits == 1)
        #expect(store.snapshot.refreshTokens.map(\.tokenHash) == ["hash:" + issued.refreshToken])
    }

    @Test func wrongPasswordAndUnknownEmailLookTheSameAndCostAVerification() async throws {
        await #expect(throws: AuthError.invalidCredentials) {
            try await service.login(email: alice.email, password: "wrong")
        }
        await #expect(throws: AuthError.invalidCredentials) {
            try await service.login(email: EmailAddress(trusted: "nobody@example.com"), password: "Str0ng!Pass")
        }
        #expect(hasher.verifications.withLock { $0 } == 2)
        #expect(store.commits == 0)
    }

    @Test func refreshRotatesWithinTheFamily() async throws {
        let first = try await service.login(email: alice.email, password: "Str0ng!Pass")
        let second = try await service.refresh(refreshToken: first.refreshToken)
        let records = store.snapshot.refreshTokens
        #expect(records.count == 2)
        #expect(records[0].usedAt != nil)
        #expect(records[1].familyID == records[0].familyID)
        #expect(second.refreshToken != first.refreshToken)
    }

    @Test func reusingARotatedTokenRevokesTheWholeFamilyAndCommitsThat() async throws {
        let first = try await service.login(email: alice.email, password: "Str0ng!Pass")
        let second = try await service.refresh(refreshToken: first.refreshToken)
        await #expect(throws: AuthError.tokenRevoked) { try await service.refresh(refreshToken: first.refreshToken) }
        #expect(store.snapshot.refreshTokens.allSatisfy { $0.revokedAt != nil })
        await #expect(throws: AuthError.tokenRevoked) { try await service.refresh(refreshToken: second.refreshToken) }
    }

    @Test func anExpiredOrUnknownRefreshTokenIsInvalid() async throws {
        let issued = try await service.login(email: alice.email, password: "Str0ng!Pass")
        clock.advance(by: 7200)
        await #expect(throws: AuthError.invalidRefreshToken) {
            try await service.refresh(refreshToken: issued.refreshToken)
        }
        await #expect(throws: AuthError.invalidRefreshToken) {
            try await service.refresh(refreshToken: "refresh:\(alice.id):999")
        }
        await #expect(throws: AuthError.invalidRefreshToken) { try await service.refresh(refreshToken: "garbage") }
    }

    @Test func authenticationRereadsTheAccount() async throws {
        let issued = try await service.login(email: alice.email, password: "Str0ng!Pass")
        #expect(try await service.authenticate(accessToken: issued.accessToken) == alice)
        store.seed { state in
            state.users = state.users.map {
                User(
                    id: $0.id, email: $0.email, passwordHash: $0.passwordHash, role: $0.role, active: false,
                    createdAt: $0.createdAt)
            }
        }
        await #expect(throws: AuthError.userInactive(alice.id)) {
            try await service.authenticate(accessToken: issued.accessToken)
        }
        store.seed { $0.users = [] }
        await #expect(throws: AuthError.invalidToken) {
            try await service.authenticate(accessToken: issued.accessToken)
        }
    }

    @Test func concurrentRequestsEachGetTheirOwnCallerFromSharedReads() async throws {
        let users = (0..<12).map { index in
            User(
                id: .random(), email: EmailAddress(trusted: "user\(index)@example.com"), passwordHash: "hashed:x",
                role: index == 0 ? .admin : .user, active: !index.isMultiple(of: 4), createdAt: Date())
        }
        let unknown = UserID.random()
        store.seed { $0.users = users }
        let expiry = Int(clock.now().timeIntervalSince1970) + 900
        let callers = (0..<240).map { $0.isMultiple(of: 13) ? unknown : users[$0 % users.count].id }
        let answers = await withTaskGroup(of: (Int, Result<User, AuthError>).self) { group in
            for (index, caller) in callers.enumerated() {
                group.addTask { [service] in
                    do {
                        return (
                            index, .success(try await service.authenticate(accessToken: "access:\(caller):\(expiry)"))
                        )
                    } catch let error as AuthError {
                        return (index, .failure(error))
                    } catch {
                        return (index, .failure(.invalidToken))
                    }
                }
            }
            return await group.reduce(into: [Int: Result<User, AuthError>]()) { $0[$1.0] = $1.1 }
        }
        for (index, caller) in callers.enumerated() {
            switch (users.first { $0.id == caller }, answers[index]) {
            case (nil, .failure(.invalidToken)): continue
            case (let user?, .failure(.userInactive(let id))) where !user.active && id == caller: continue
            case (let user?, .success(let answer)) where user.active && answer == user: continue
            case (let user, let answer):
                Issue.record("request \(index) for \(String(describing: user)): \(String(describing: answer))")
            }
        }
        #expect(store.reads <= callers.count)
    }

    @Test func aFailedSharedReadFailsEachOfItsRequests() async throws {
        let issued = try await service.login(email: alice.email, password: "Str0ng!Pass")
        store.databaseDown.withLock { $0 = true }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask { [service] in
                    await #expect(throws: DatabaseUnavailable.self) {
                        try await service.authenticate(accessToken: issued.accessToken)
                    }
                }
            }
        }
        store.databaseDown.withLock { $0 = false }
        #expect(try await service.authenticate(accessToken: issued.accessToken) == alice)
    }

    @Test func anExpiredAccessTokenIsReportedAsExpired() async throws {
        let issued = try await service.login(email: alice.email, password: "Str0ng!Pass")
        clock.advance(by: 901)
        await #expect(throws: AuthError.expiredToken) {
            try await service.authenticate(accessToken: issued.accessToken)
        }
    }
}
