/// Where a worker's circuit breaker toward a downstream stands: `closed` lets every claim through, `open` stops
/// claiming for a cool-down, `halfOpen` lets one probe through to test recovery. Workers report it to the
/// database so the operations console can show it per worker.
public enum BreakerState: String, CaseIterable, Sendable {
    case closed
    case halfOpen = "half-open"
    case open

    /// The value of the `clicknback_worker_breaker_state` gauge.
    public var gaugeValue: Int {
        switch self {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
    }
}
