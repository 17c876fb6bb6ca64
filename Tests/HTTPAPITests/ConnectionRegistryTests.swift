import HTTPAPI
import Synchronization
import Testing

/// The eviction order behind the connection cap (ADR 018): idle connections first, longest idle first; then the
/// slowest uploads; never a connection being answered.
@Suite struct ConnectionRegistryTests {
    /// Long after every change, so the grace period never applies.
    static let later = UInt64(1_000_000_000_000)

    @Test func evictsTheLongestIdleThenTheLongestReadingNeverOneBeingAnswered() {
        var registry = ConnectionRegistry<Int, String>()
        for id in 1...4 { registry.insert(id, handle: "c\(id)", at: UInt64(id)) }
        registry.set(1, .answering, at: 10)
        registry.set(2, .reading, at: 11)
        #expect(registry.popEvictable(at: Self.later, grace: 100) == "c3")
        registry.set(1, .idle, at: 12)
        #expect(registry.popEvictable(at: Self.later, grace: 100) == "c4", "c1 turned idle after c4 was opened")
        #expect(registry.popEvictable(at: Self.later, grace: 100) == "c1")
        #expect(
            registry.popEvictable(at: Self.later, grace: 100) == "c2", "then the connection still reading its body")
        #expect(registry.popEvictable(at: Self.later, grace: 100) == nil && registry.count == 0)
    }

    @Test func aConnectionJustAcceptedIsSparedWhileAnOlderUploadCanGo() {
        var registry = ConnectionRegistry<Int, String>()
        registry.insert(1, handle: "old upload", at: 0)
        registry.set(1, .reading, at: 10)
        registry.insert(2, handle: "real client", at: 1_000)
        registry.insert(3, handle: "flood", at: 1_010)
        #expect(registry.popEvictable(at: 1_050, grace: 500) == "old upload", "the newcomers are within their grace")
        #expect(registry.popEvictable(at: 1_050, grace: 500) == "real client", "then the oldest idle, young or not")
        #expect(registry.popEvictable(at: 2_000, grace: 500) == "flood")
    }

    @Test func connectionsBeingAnsweredAreNeverEvicted() {
        var registry = ConnectionRegistry<Int, String>()
        for id in 1...3 {
            registry.insert(id, handle: "c\(id)", at: 0)
            registry.set(id, .reading, at: 1)
            registry.set(id, .answering, at: 2)
        }
        #expect(registry.popEvictable(at: Self.later, grace: 0) == nil && registry.count == 3)
        registry.remove(2)
        #expect(registry.count == 2)
    }

    @Test func longLivedConnectionsWithManyRequestsLeaveNoStaleEntries() {
        var registry = ConnectionRegistry<Int, Int>()
        for id in 0..<10 { registry.insert(id, handle: id, at: 0) }
        for round in 0..<10_000 {
            for id in 0..<10 {
                registry.set(id, .reading, at: UInt64(round))
                registry.set(id, .answering, at: UInt64(round))
                registry.set(id, .idle, at: UInt64(round))
            }
        }
        var evicted: [Int] = []
        while let next = registry.popEvictable(at: Self.later, grace: 0) { evicted.append(next) }
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
