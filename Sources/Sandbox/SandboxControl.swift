/// The faults one sandbox service plays: a latency, a share of calls answered 503, for the rail a share of
/// new payouts refused for good, and an outage mode. Set at start and changed while it runs through
/// `PUT <URL>/sandbox/control`.
public struct SandboxControl: Codable, Equatable, Sendable {
    public enum Outage: String, Codable, Sendable {
        /// Normal service.
        case none
        /// Every call answers 503.
        case down
        /// Calls are accepted and never answered.
        case hang
    }

    public var latencyMilliseconds: Int
    public var errorRate: Double
    public var refusalRate: Double
    public var outage: Outage

    public init(latencyMilliseconds: Int = 0, errorRate: Double = 0, refusalRate: Double = 0, outage: Outage = .none) {
        (self.latencyMilliseconds, self.errorRate, self.refusalRate, self.outage) = (
            latencyMilliseconds, errorRate, refusalRate, outage
        )
    }

    enum CodingKeys: String, CodingKey {
        case latencyMilliseconds = "latency_ms"
        case errorRate = "error_rate"
        case refusalRate = "refusal_rate"
        case outage
    }
}

/// A change to the control: the fields sent replace theirs, the others stay.
struct SandboxControlChange: Decodable, Sendable {
    let latencyMilliseconds: Int?
    let errorRate: Double?
    let refusalRate: Double?
    let outage: SandboxControl.Outage?

    enum CodingKeys: String, CodingKey {
        case latencyMilliseconds = "latency_ms"
        case errorRate = "error_rate"
        case refusalRate = "refusal_rate"
        case outage
    }

    /// The control after this change, or why the change is refused.
    func applied(to control: SandboxControl) -> Result<SandboxControl, SandboxRefusal> {
        var next = control
        if let latencyMilliseconds {
            guard (0...600_000).contains(latencyMilliseconds) else {
                return .failure(SandboxRefusal("latency_ms must be between 0 and 600000"))
            }
            next.latencyMilliseconds = latencyMilliseconds
        }
        for (name, rate) in [("error_rate", errorRate), ("refusal_rate", refusalRate)] {
            if let rate, !(0...1).contains(rate) { return .failure(SandboxRefusal("\(name) must be between 0 and 1")) }
        }
        next.errorRate = errorRate ?? next.errorRate
        next.refusalRate = refusalRate ?? next.refusalRate
        next.outage = outage ?? next.outage
        return .success(next)
    }
}

/// A sandbox request it will not serve, with the reason it answers.
struct SandboxRefusal: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
