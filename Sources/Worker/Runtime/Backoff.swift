/// Where randomness comes from, so tests can script it.
public protocol RandomSource: Sendable {
    /// A uniformly distributed value in `0 ..< 1`.
    func nextUnit() -> Double
}

/// The system's random numbers.
public struct SystemRandomSource: RandomSource {
    public init() {}
    public func nextUnit() -> Double { Double.random(in: 0..<1) }
}

/// Exponential backoff with full jitter: after attempt `n` wait a uniform random time in
/// `0 ... min(cap, base × 2^(n−1))`, so retries of many items spread out instead of arriving together.
public struct Backoff: Sendable {
    public let base: Duration
    public let cap: Duration

    public init(base: Duration, cap: Duration) {
        (self.base, self.cap) = (base, cap)
    }

    /// The ceiling of the wait after `attempt` (1-based).
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        let doublings = min(max(attempt - 1, 0), 30)
        let grown = base * (1 << doublings)
        return min(cap, grown)
    }

    public func delay(afterAttempt attempt: Int, random: any RandomSource) -> Duration {
        ceiling(afterAttempt: attempt) * random.nextUnit()
    }
}
