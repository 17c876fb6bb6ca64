public import Domain

/// The calls per second every worker together may make to one downstream (`BANK_RATE_LIMIT`,
/// `RAIL_RATE_LIMIT`; 0 = unlimited), enforced by a reservation clock in the database. A call whose slot is
/// further away than `maxWait` does not wait in a slot: its item goes back to the queue for that long. A call
/// that cannot start within `lateness` of its slot (a slow reservation, a starved process) gives the slot up
/// and its item goes back too: late calls would bunch with the next second's and the downstream would see more
/// than the limit.
public struct SharedRateLimit: Sendable {
    public let downstream: Downstream
    public let callsPerSecond: Int
    public let maxWait: Duration
    /// How late after its slot a call may still start.
    public let lateness: Duration

    public init(downstream: Downstream, callsPerSecond: Int, maxWait: Duration, lateness: Duration = .milliseconds(100))
    {
        (self.downstream, self.callsPerSecond, self.maxWait, self.lateness) = (
            downstream, callsPerSecond, maxWait, lateness
        )
    }

    /// The spacing of slots: 5 % wider than the setting's, so that the jitter on the way (answers, wake-ups,
    /// sockets) that makes a few calls arrive closer together does not push any second over the setting.
    var interval: Duration { .seconds(1) * 21 / (20 * callsPerSecond) }
}
