import HTTPAPI
import Synchronization
import Testing

/// The eviction order behind the connection cap (ADR 018): the connection idle longest goes first, busy ones never.
@Suite struct ConnectionRegistryTests {
    @Test func evictsTheLongestIdleAndNeverABusyConnection() {
        var registry = ConnectionRegistry<Int, String>()
        for id in 1...3 { registry.insert(id, handle: "c\(id)") }
        registry.setBusy(1, true)
        #expect(registry.popOldestIdle() == "c2")
        registry.setBusy(1, false)
        #expect(registry.popOldestIdle() == "c3", "c1 turned idle after c3 was opened")
        #expect(registry.popOldestIdle() == "c1")
        #expect(registry.popOldestIdle() == nil && registry.count == 0)
    }

    @Test func allBusyMeansNothingToEvict() {
        var registry = ConnectionRegistry<Int, String>()
        for id in 1...3 {
            registry.insert(id, handle: "c\(id)")
            registry.setBusy(id, true)
        }
        #expect(registry.popOldestIdle() == nil && registry.count == 3)
        registry.remove(2)
        #expect(registry.count == 2)
    }

    @Test func closedAndRecycledConnectionsLeaveNoStaleEntries() {
        var registry = ConnectionRegistry<Int, Int>()
        for id in 0..<1000 {
            registry.insert(id, handle: id)
            registry.setBusy(id, true)
            registry.setBusy(id, false)
            if id % 2 == 0 { registry.remove(id) }
        }
        var evicted: [Int] = []
        while let next = registry.popOldestIdle() { evicted.append(next) }
        #expect(evicted == Array(stride(from: 1, to: 1000, by: 2)))
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
