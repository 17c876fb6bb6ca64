/// A token bucket: `burst` requests at once, refilled at `ratePerSecond`. Pure, so its arithmetic is tested
/// without clocks.
struct TokenBucket: Equatable, Sendable {
    let burst: Double
    let ratePerSecond: Double
    private(set) var tokens: Double
    private(set) var updatedAt: Double

    init(burst: Int, ratePerSecond: Double, now: Double) {
        self.burst = Double(burst)
        self.ratePerSecond = ratePerSecond
        self.tokens = Double(burst)
        self.updatedAt = now
    }

    /// Takes one token if there is one; otherwise returns how many seconds until there will be.
    mutating func take(now: Double) -> Double? {
        tokens = min(burst, tokens + max(0, now - updatedAt) * ratePerSecond)
        updatedAt = now
        guard tokens >= 1 else { return (1 - tokens) / ratePerSecond }
        tokens -= 1
        return nil
    }

    /// Gives back a token taken for an attempt that turned out not to count (a successful login).
    mutating func refund(now: Double) {
        tokens = min(burst, tokens + max(0, now - updatedAt) * ratePerSecond + 1)
        updatedAt = now
    }

    /// Whether the bucket has refilled completely, so forgetting it changes nothing.
    func isFull(now: Double) -> Bool { tokens + max(0, now - updatedAt) * ratePerSecond >= burst }
}
