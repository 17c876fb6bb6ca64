public import Domain

/// The calls per second every worker together may make to one downstream (`BANK_RATE_LIMIT`,
/// `RAIL_RATE_LIMIT`; 0 = unlimited), enforced by a reservation clock in the database. A call whose slot is
/// further away than `maxWait` does not wait in a slot: its item goes back to the queue for that long.
public struct SharedRateLimit: Sendable {
    public let downstream: Downstream
    public let callsPerSecond: Int
    public let maxWait: Duration

    public init(downstream: Downstream, callsPerSecond: Int, maxWait: Duration) {
        self.downstream = downstream
        self.callsPerSecond = callsPerSecond
        self.maxWait = maxWait
    }

    var interval: Duration { .seconds(1) / callsPerSecond }
}
