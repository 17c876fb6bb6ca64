import Synchronization

/// Wakes the dispatcher when an item this worker put back becomes due (a retry, a released item, a breaker's
/// cool-down, a lease left to expire because its hand-back could not be written), at a quarter-second resolution. Times are kept as distinct ticks, so many items due at
/// nearly the same time cost one entry. The sweep finds what other workers put back.
package final class DueAlarm: Sendable {
    static let resolution = Duration.milliseconds(250)
    private let start = ContinuousClock.now
    private let ticks = Mutex<Set<Int64>>([])

    package init() {}

    package func schedule(after delay: Duration) {
        let tick = self.tick(of: ContinuousClock.now + max(delay, .zero)) + 1
        _ = ticks.withLock { $0.insert(tick) }
    }

    /// Whether anything became due since the last call (and forgets it).
    package func fire() -> Bool {
        let now = tick(of: ContinuousClock.now)
        return ticks.withLock { ticks in
            let due = ticks.filter { $0 <= now }
            ticks.subtract(due)
            return !due.isEmpty
        }
    }

    private func tick(of instant: ContinuousClock.Instant) -> Int64 {
        let elapsed = instant - start
        return elapsed.wholeMilliseconds / 250
    }
}
