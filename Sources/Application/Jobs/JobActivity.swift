public import Foundation

/// A worker's share of a job's leased items (the console's "in flight per worker").
public struct WorkerLoad: Equatable, Sendable {
    public let worker: String
    public let items: Int

    public init(worker: String, items: Int) {
        self.worker = worker
        self.items = items
    }
}

/// How many attempts ended with one outcome in one minute, from the attempt journal.
public struct AttemptCount: Equatable, Sendable {
    public let minute: Date
    public let outcome: String
    public let count: Int

    public init(minute: Date, outcome: String, count: Int) {
        self.minute = minute
        self.outcome = outcome
        self.count = count
    }
}

/// What a job is doing now: who holds its items, and its attempts over the last hour.
public struct JobActivity: Sendable {
    public let inFlight: [WorkerLoad]
    public let attempts: [AttemptCount]
}
