public import Domain
public import Foundation

/// A worker's share of a job's leased items (the console's "in flight per worker").
public struct WorkerLoad: Equatable, Sendable {
    public let worker: String
    public let items: Int

    public init(worker: String, items: Int) {
        (self.worker, self.items) = (worker, items)
    }
}

/// How many attempts ended with one outcome in one minute, from the attempt journal.
public struct AttemptCount: Equatable, Sendable {
    public let minute: Date
    public let outcome: String
    public let count: Int

    public init(minute: Date, outcome: String, count: Int) {
        (self.minute, self.outcome, self.count) = (minute, outcome, count)
    }
}

/// A worker's last report of its breaker toward a job's downstream (breakers live in worker memory; the
/// worker writes its state every few seconds).
public struct BreakerReport: Equatable, Sendable {
    public let worker: String
    public let downstream: Downstream
    public let state: BreakerState
    /// Seconds since the worker last reported, by the database clock: a stopped worker's report grows old.
    public let ageSeconds: Double

    public init(worker: String, downstream: Downstream, state: BreakerState, ageSeconds: Double) {
        (self.worker, self.downstream, self.state, self.ageSeconds) = (worker, downstream, state, ageSeconds)
    }
}

/// What a job is doing now: who holds its items, each worker's breaker, and its attempts over the last hour.
public struct JobActivity: Sendable {
    public let inFlight: [WorkerLoad]
    public let breakers: [BreakerReport]
    public let attempts: [AttemptCount]
}
