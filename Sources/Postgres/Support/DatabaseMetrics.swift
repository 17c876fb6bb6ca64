import Metrics
import Synchronization

/// How the connection pool is used: units of work waiting for a connection and holding one, lease timeouts
/// (answered 503 by the API), and LISTEN reconnections.
enum DatabaseMetrics {
    static let waiting = Gauge(label: "clicknback_db_lease_waiting")
    static let inUse = Gauge(label: "clicknback_db_connections_in_use")
    private static let counts = Counts()

    static func leaseTimedOut() { Counter(label: "clicknback_db_lease_timeouts_total").increment() }

    static func listenerReconnect(channel: String) {
        Counter(label: "clicknback_db_listen_reconnects_total", dimensions: [("channel", channel)]).increment()
    }

    /// Moves one unit of work between the gauges (`waiting` → `inUse` → gone).
    static func adjust(waiting waitingDelta: Int, inUse inUseDelta: Int) {
        let (waitingNow, inUseNow) = counts.add(waiting: waitingDelta, inUse: inUseDelta)
        waiting.record(waitingNow)
        inUse.record(inUseNow)
    }
}

/// The running totals behind the pool gauges (a gauge records values, it does not add).
private final class Counts: Sendable {
    private let state = Mutex((waiting: 0, inUse: 0))

    func add(waiting: Int, inUse: Int) -> (Int, Int) {
        state.withLock {
            $0.waiting += waiting
            $0.inUse += inUse
            return ($0.waiting, $0.inUse)
        }
    }
}
