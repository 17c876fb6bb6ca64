public import Application
import HummingbirdBcrypt
import NIOCore
import NIOPosix

/// bcrypt password hashing, run on NIO's blocking thread pool so a slow hash never stalls request handling, and
/// through a `BoundedWork` gate so a flood of logins or sign-ups cannot queue unbounded CPU work (ADR 018).
public struct BcryptPasswordHasher: PasswordHasher {
    /// The work factor; the spec's 12 in production (about a quarter of a second per hash here).
    let cost: UInt8
    /// Hashes in progress and queued; beyond it, `BoundedWork.Overloaded` (503).
    let gate: BoundedWork

    /// `gate` defaults to one hash per core with two per core waiting.
    public init(cost: UInt8 = 12, gate: BoundedWork? = nil) {
        self.cost = cost
        self.gate = gate ?? BoundedWork(maxRunning: System.coreCount, maxWaiting: 2 * System.coreCount)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await gate.run {
            try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
        }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        guard hash.hasPrefix("$2") else { return false }
        return try await gate.run {
            (try? await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }) ?? false
        }
    }
}
