import HTTPAPI
import Synchronization
import Testing

/// The eviction order behind the connection cap (ADR 018): idle connections first, longest idle first; then the
/// slowest uploads; never a connection being answered.
@Suite struct ConnectionRegistryTests {
    @Test func evictsTheLongestIdleThenTheLongestReadingNeverOneBeingAnswered() {
        var registry = ConnectionRegistry<Int, String>()
        for id in 1...4 { registry.insert(id, handle: "c\(id)") }
        registry.set(1, .answering)
        registry.set(2, .reading)
        #expect(registry.popEvictable() == "c3")
        registry.set(1, .idle)
        #expect(registry.popEvictable() == "c4", "c1 turned idle after c4 was opened")
        #expect(registry.popEvictable() == "c1")
        #expect(registry.popEvictable() == "c2", "then the connection still reading its request body")
        #expect(registry.popEvictable() == nil && registry.count == 0)
    }

    @Test func connectionsBeingAnsweredAreNeverEvicted() {
        var registry = ConnectionRegistry<Int, String>()
        for id in 1...3 {
            registry.insert(id, handle: "c\(id)")
            registry.set(id, .reading)
            registry.set(id, .answering)
        }
        #expect(registry.popEvictable() == nil && registry.count == 3)
        registry.remove(2)
        #expect(registry.count == 2)
    }

    @Test func longLivedConnectionsWithManyRequestsLeaveNoStaleEntries() {
        var registry = ConnectionRegistry<Int, Int>()
        for id in 0..<10 { registry.insert(id, handle: id) }
        for _ in 0..<10_000 {
            for id in 0..<10 {
                registry.set(id, .reading)
                registry.set(id, .answering)
                registry.set(id, .idle)
            }
        }
        var evicted: [Int] = []
        while let next = registry.popEvictable() { evicted.append(next) }
        #expect(evicted == Array(0..<10))
    }
}

/// The per-caller limiter's memory stays bounded without forgiving its active callers.
@Suite struct RateLimiterMemoryTests {
    final class Clock: Sendable {
        let seconds = Mutex(0.0)
        func set(_ value: Double) { seconds.withLock { $0 = value } }
    }

    @Test func aFloodOfNewCallersForgetsTheStalestNotAnActiveOne() {
        let clock = Clock()
        let limiter = RateLimiter(
            policy: .init(enabled: true, burst: 1, ratePerSecond: 0.000_001), now: { clock.seconds.withLock { $0 } })
        for caller in 0..<60_000 {
            clock.set(Double(caller) / 1_000_000)
            _ = limiter.retryAfter(for: "old-\(caller)")
        }
        clock.set(1)
        #expect(limiter.retryAfter(for: "victim") == nil)
        #expect(limiter.retryAfter(for: "victim") != nil, "spent")
        clock.set(2)
        for caller in 0..<45_000 { _ = limiter.retryAfter(for: "flood-\(caller)") }
        #expect(limiter.retryAfter(for: "victim") != nil, "still limited after the table was pruned")
        #expect(limiter.retryAfter(for: "old-0") == nil, "a stale caller was forgotten")
    }
}
