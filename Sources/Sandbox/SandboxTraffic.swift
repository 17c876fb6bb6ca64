import Synchronization

/// The business calls one sandbox service received: how many, and the most in any one-second window (what a
/// shared rate limit must keep under its setting).
final class SandboxTraffic: Sendable {
    private struct State {
        var calls = 0
        var peak = 0
        var window: [ContinuousClock.Instant] = []
    }
    private let state = Mutex(State())

    func record() {
        let now = ContinuousClock.now
        state.withLock { state in
            state.calls += 1
            state.window.removeAll { now - $0 >= .seconds(1) }
            state.window.append(now)
            state.peak = max(state.peak, state.window.count)
        }
    }

    var stats: SandboxStats { state.withLock { SandboxStats(calls: $0.calls, peakCallsPerSecond: $0.peak) } }
}

/// `GET <URL>/sandbox/stats`.
struct SandboxStats: Codable, Sendable {
    let calls: Int
    let peakCallsPerSecond: Int

    enum CodingKeys: String, CodingKey {
        case calls
        case peakCallsPerSecond = "peak_calls_per_second"
    }
}
