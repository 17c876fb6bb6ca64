import Synchronization

/// Runs at most `maxRunning` jobs at once, with at most `maxWaiting` queued behind them in arrival order; any
/// job beyond that is refused at once with `Overloaded` instead of joining an ever longer queue. Used for bcrypt
/// (ADR 018): a flood of logins then costs a bounded amount of CPU and a bounded wait, and the excess is shed
/// with 503 and `Retry-After` while a real login still gets through within a few hash times.
public final class BoundedWork: Sendable {
    /// The job was refused: `maxRunning` jobs run and `maxWaiting` wait already.
    public struct Overloaded: Error, Equatable, Sendable {}

    public let maxRunning: Int
    public let maxWaiting: Int
    private let state = Mutex(State())

    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Bool, Never>] = []
    }

    public init(maxRunning: Int, maxWaiting: Int) {
        self.maxRunning = max(1, maxRunning)
        self.maxWaiting = max(0, maxWaiting)
    }

    /// Jobs waiting for a slot now.
    public var queued: Int { state.withLock { $0.waiting.count } }

    /// Runs `job` when a slot is free; throws `Overloaded` without running it when the queue is full too.
    public func run<Result: Sendable>(_ job: @Sendable () async throws -> Result) async throws -> Result {
        guard await acquire() else { throw Overloaded() }
        defer { release() }
        return try await job()
    }

    /// `true` once a slot is held; `false` at once when none is free and the queue is full.
    private func acquire() async -> Bool {
        await withCheckedContinuation { continuation in
            let decision: Bool? = state.withLock { state in
                if state.running < maxRunning {
                    state.running += 1
                    return true
                }
                guard state.waiting.count < maxWaiting else { return false }
                state.waiting.append(continuation)
                return nil
            }
            if let decision { continuation.resume(returning: decision) }
        }
    }

    /// Hands the slot to the longest waiter, or frees it.
    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard !state.waiting.isEmpty else {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume(returning: true)
    }
}
