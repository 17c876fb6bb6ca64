public import Application
import HummingbirdBcrypt
import NIOPosix

/// bcrypt password hashing, run on NIO's blocking thread pool so a slow hash never stalls request handling.
public struct BcryptPasswordHasher: PasswordHasher {
    /// The work factor; the spec's 12 in production (about a quarter of a second per hash here).
    let cost: UInt8

    public init(cost: UInt8 = 12) { self.cost = cost }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async -> Bool {
        guard hash.hasPrefix("$2") else { return false }
        return (try? await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }) ?? false
    }
}
