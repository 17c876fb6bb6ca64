public import Foundation

/// One queue row as an operator sees it: where it stands, what it cost so far and the last thing that went
/// wrong.
public struct JobItem: Equatable, Sendable {
    public let job: JobKind
    public let itemID: UUID
    public let state: JobItemState
    public let attempts: Int
    public let claims: Int
    public let interruptions: Int
    public let nextAttemptAt: Date
    public let failingSince: Date?
    public let parkedAt: Date?
    public let leaseOwner: String?
    public let lastError: String?
    public let lastErrorClass: String?
    public let createdAt: Date

    public init(
        job: JobKind, itemID: UUID, state: JobItemState, attempts: Int, claims: Int, interruptions: Int,
        nextAttemptAt: Date, failingSince: Date?, parkedAt: Date?, leaseOwner: String?, lastError: String?,
        lastErrorClass: String?, createdAt: Date
    ) {
        (
            self.job, self.itemID, self.state, self.attempts, self.claims, self.interruptions, self.nextAttemptAt,
            self.failingSince, self.parkedAt, self.leaseOwner, self.lastError, self.lastErrorClass, self.createdAt
        ) = (
            job, itemID, state, attempts, claims, interruptions, nextAttemptAt, failingSince, parkedAt, leaseOwner,
            lastError, lastErrorClass, createdAt
        )
    }
}

/// One line of the attempt journal (`job_attempts`).
public struct JobAttemptRecord: Equatable, Sendable {
    public let job: JobKind
    public let itemID: UUID
    public let attempt: Int
    public let worker: String
    public let startedAt: Date
    /// `nil` for a crashed attempt, whose end nobody saw.
    public let durationMilliseconds: Double?
    /// `confirmed`, `rejected`, `completed`, `failed`, `retry`, `parked`, `interrupted`, `crashed`…
    public let outcome: String
    public let errorClass: FailureClass?
    public let message: String?

    public init(
        job: JobKind, itemID: UUID, attempt: Int, worker: String, startedAt: Date, durationMilliseconds: Double?,
        outcome: String, errorClass: FailureClass?, message: String?
    ) {
        (
            self.job, self.itemID, self.attempt, self.worker, self.startedAt, self.durationMilliseconds, self.outcome,
            self.errorClass, self.message
        ) = (job, itemID, attempt, worker, startedAt, durationMilliseconds, outcome, errorClass, message)
    }
}

/// A job's queue at a glance: items per state and the age of the oldest due item.
public struct JobQueueSummary: Equatable, Sendable {
    public let job: JobKind
    public let counts: [JobItemState: Int]
    /// Seconds since the oldest due item became due; 0 when nothing is due.
    public let oldestDueAgeSeconds: Double

    public init(job: JobKind, counts: [JobItemState: Int], oldestDueAgeSeconds: Double) {
        (self.job, self.counts, self.oldestDueAgeSeconds) = (job, counts, oldestDueAgeSeconds)
    }
}
