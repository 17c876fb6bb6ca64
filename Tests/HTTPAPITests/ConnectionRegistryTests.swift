import HTTPAPI
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
