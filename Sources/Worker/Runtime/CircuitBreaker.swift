public import Domain
public import Logging
import Metrics
import Synchronization

/// One downstream's circuit breaker, shared by every runner of this worker: after `threshold` infrastructure
/// failures in a row it opens and the dispatcher stops claiming; after the cool-down one probe item is let
/// through; its answer closes the breaker, or opens it again with twice the cool-down (up to `maxCooldown`).
/// Each transition is logged once and exported (`clicknback_worker_breaker_state`: 0 closed, 1 half-open,
/// 2 open).
public final class CircuitBreaker: Sendable {
    /// How many items the dispatcher may claim now.
    public enum Permit: Equatable, Sendable {
        case all
        /// Half-open: one item, the probe.
        case probe
        /// Open: none, for about this long.
        case none(retryAfter: Duration)
    }

    private enum State {
        case closed(failures: Int)
        case open(until: ContinuousClock.Instant, cooldown: Duration)
        case halfOpen(probeSince: ContinuousClock.Instant?, cooldown: Duration)
    }

    public let downstream: Downstream
    let threshold: Int
    let cooldown: Duration
    let maxCooldown: Duration
    /// How long a probe may stay unanswered before another item may probe.
    let probeTimeout: Duration
    let logger: Logger
    private let machine = Mutex(State.closed(failures: 0))

    public init(
        downstream: Downstream, threshold: Int, cooldown: Duration, maxCooldown: Duration = .seconds(60),
        probeTimeout: Duration, logger: Logger
    ) {
        self.downstream = downstream
        self.threshold = threshold
        self.cooldown = cooldown
        self.maxCooldown = maxCooldown
        self.probeTimeout = probeTimeout
        self.logger = logger
        export(.closed)
    }

    public func permit() -> Permit {
        let now = ContinuousClock.now
        let (permit, transition) = machine.withLock { state -> (Permit, BreakerState?) in
            switch state {
            case .closed: return (.all, nil)
            case .open(let until, let cooldown):
                guard now >= until else { return (.none(retryAfter: until - now), nil) }
                state = .halfOpen(probeSince: now, cooldown: cooldown)
                return (.probe, .halfOpen)
            case .halfOpen(let since, let cooldown):
                if let since, now - since < probeTimeout {
                    return (.none(retryAfter: probeTimeout - (now - since)), nil)
                }
                state = .halfOpen(probeSince: now, cooldown: cooldown)
                return (.probe, nil)
            }
        }
        if let transition { changed(to: transition) }
        return permit
    }

    /// A probe permit found nothing to claim: the next permit may probe again.
    public func probeUnused() {
        machine.withLock { state in
            if case .halfOpen(_, let cooldown) = state { state = .halfOpen(probeSince: nil, cooldown: cooldown) }
        }
    }

    /// The downstream answered (whatever the answer): close.
    public func recordAnswer() {
        let reopened = machine.withLock { state -> Bool in
            if case .closed = state {
                state = .closed(failures: 0)
                return false
            }
            state = .closed(failures: 0)
            return true
        }
        if reopened { changed(to: .closed) }
    }

    /// The downstream gave no answer.
    public func recordFailure() {
        let now = ContinuousClock.now
        let opened = machine.withLock { state -> Bool in
            switch state {
            case .closed(let failures):
                guard failures + 1 >= threshold else {
                    state = .closed(failures: failures + 1)
                    return false
                }
                state = .open(until: now + cooldown, cooldown: cooldown)
                return true
            case .halfOpen(_, let previous):
                let longer = min(previous * 2, maxCooldown)
                state = .open(until: now + longer, cooldown: longer)
                return true
            case .open:
                return false
            }
        }
        if opened { changed(to: .open) }
    }

    public var isClosed: Bool { state == .closed }

    /// The state now, as the worker reports it to the console.
    public var state: BreakerState {
        machine.withLock { state in
            switch state {
            case .closed: .closed
            case .open: .open
            case .halfOpen: .halfOpen
            }
        }
    }

    private func changed(to state: BreakerState) {
        logger.warning("breaker \(state.rawValue)", metadata: ["downstream": .string(downstream.rawValue)])
        Counter(
            label: "clicknback_worker_breaker_transitions_total",
            dimensions: [("downstream", downstream.rawValue), ("to", state.rawValue)]
        )
        .increment()
        export(state)
    }

    private func export(_ state: BreakerState) {
        Gauge(label: "clicknback_worker_breaker_state", dimensions: [("downstream", downstream.rawValue)])
            .record(state.gaugeValue)
    }
}
