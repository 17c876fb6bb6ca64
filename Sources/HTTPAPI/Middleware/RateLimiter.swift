import Foundation
import Synchronization

/// Per-caller request limits held in this API process (see ADR 008: each node limits independently): ingestion
/// per user, and failed logins per e-mail address.
public final class RateLimiter: Sendable {
    /// Burst size, sustained rate, and whether limiting is on at all (`INGEST_RATE_LIMIT_*`, `LOGIN_RATE_LIMIT_*`).
    public struct Policy: Sendable {
        public let enabled: Bool
        public let burst: Int
        public let ratePerSecond: Double

        public init(enabled: Bool, burst: Int, ratePerSecond: Double) {
            (self.enabled, self.burst, self.ratePerSecond) = (enabled, burst, ratePerSecond)
        }
    }

    private let policy: Policy
    private let now: @Sendable () -> Double
    private let buckets = Mutex<[String: TokenBucket]>([:])
    /// Past this many callers (about 10 MB), full buckets are forgotten, then the least recently used half of the
    /// rest, so memory stays bounded and a flood of new keys forgets the stalest callers rather than everyone.
    private let pruneThreshold = 100_000

    public init(policy: Policy, now: @escaping @Sendable () -> Double = RateLimiter.monotonicSeconds) {
        (self.policy, self.now) = (policy, now)
    }

    /// `nil` when the caller may proceed, otherwise the seconds to wait before retrying.
    public func retryAfter(for caller: String) -> Double? {
        guard policy.enabled else { return nil }
        let instant = now()
        return buckets.withLock { buckets in
            var bucket =
                buckets[caller] ?? TokenBucket(burst: policy.burst, ratePerSecond: policy.ratePerSecond, now: instant)
            let wait = bucket.take(now: instant)
            buckets[caller] = bucket
            if buckets.count > pruneThreshold {
                buckets = buckets.filter { !$0.value.isFull(now: instant) }
                if buckets.count > pruneThreshold / 2 {
                    let recent = buckets.sorted { $0.value.updatedAt > $1.value.updatedAt }.prefix(pruneThreshold / 2)
                    buckets = Dictionary(uniqueKeysWithValues: recent.map { ($0.key, $0.value) })
                }
            }
            return wait
        }
    }

    /// Returns the token an attempt took when it turned out not to count: limits that count only failures
    /// (login) take a token before trying, so parallel attempts cannot all pass a check, and refund successes.
    public func refund(for caller: String) {
        guard policy.enabled else { return }
        let instant = now()
        buckets.withLock { $0[caller]?.refund(now: instant) }
    }

    /// Seconds on a clock that never jumps.
    @Sendable public static func monotonicSeconds() -> Double {
        let elapsed = ContinuousClock.now - ContinuousClock.Instant.origin
        return elapsed.seconds
    }
}

extension ContinuousClock.Instant {
    /// A fixed reference point for turning instants into numbers.
    fileprivate static let origin = ContinuousClock.now
}
