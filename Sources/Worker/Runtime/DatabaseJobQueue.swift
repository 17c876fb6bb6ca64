public import Application
public import Domain
public import Foundation

/// The runtime's queue over the database: each call one statement on a pooled connection, through the
/// `JobQueueRepository` port.
public struct DatabaseJobQueue: JobQueue {
    let unitOfWork: any UnitOfWork

    public init(unitOfWork: any UnitOfWork) {
        self.unitOfWork = unitOfWork
    }

    /// Fail-open: an unreadable flag does not stop the job (the claim itself would fail anyway).
    public func isEnabled(_ job: JobKind) async -> Bool {
        let flag = try? await unitOfWork.withConnection {
            try await $0.featureFlags.find(key: job.pauseFlag.value, scope: .global)
        }
        return flag?.enabled ?? true
    }

    public func renew(_ job: JobKind, owner: String, ids: [UUID], lease: Duration) async throws -> Int {
        try await unitOfWork.withConnection {
            try await $0.jobQueue.renew(job, owner: owner, ids: ids, lease: lease)
        }
    }

    public func retryBusiness(_ job: JobKind, _ lease: QueueLease, after delay: Duration, message: String)
        async throws -> QueueVerdict
    {
        try await unitOfWork.withConnection {
            try await $0.jobQueue.retryBusiness(job, lease, after: delay, message: message)
        }
    }

    public func retryInfrastructure(
        _ job: JobKind, _ lease: QueueLease, after delay: Duration, failure: DownstreamFailure, horizon: Duration
    ) async throws -> QueueVerdict {
        try await unitOfWork.withConnection {
            try await $0.jobQueue.retryInfrastructure(job, lease, after: delay, failure: failure, horizon: horizon)
        }
    }

    public func interrupt(
        _ job: JobKind, _ lease: QueueLease, after delay: Duration, message: String, maxInterruptions: Int
    ) async throws -> QueueVerdict {
        try await unitOfWork.withConnection {
            try await $0.jobQueue.interrupt(
                job, lease, after: delay, message: message, maxInterruptions: maxInterruptions)
        }
    }

    public func release(_ job: JobKind, _ lease: QueueLease, after delay: Duration) async throws {
        try await unitOfWork.withConnection { try await $0.jobQueue.release(job, lease, after: delay) }
    }

    public func park(_ job: JobKind, _ lease: QueueLease, failure: FailureClass, message: String) async throws
        -> QueueVerdict
    {
        try await unitOfWork.withConnection {
            try await $0.jobQueue.park(job, lease, failure: failure, message: message)
        }
    }

    public func nextDue(_ job: JobKind) async throws -> Duration? {
        try await unitOfWork.transaction { try await $0.jobQueue.nextDue(job) }
    }

    public func summary(_ job: JobKind) async throws -> JobQueueSummary {
        try await unitOfWork.withConnection { try await $0.jobQueue.summary(job) }
    }

    public func journal(_ records: [JobAttemptRecord]) async throws {
        try await unitOfWork.withConnection { try await $0.jobQueue.journal(records) }
    }

    public func reportBreaker(_ job: JobKind, worker: String, state: BreakerState) async throws {
        try await unitOfWork.withConnection { try await $0.jobQueue.reportBreaker(job, worker: worker, state: state) }
    }

    public func pruneJournal(olderThan age: Duration, limit: Int) async throws -> Int {
        try await unitOfWork.withConnection { try await $0.jobQueue.pruneJournal(olderThan: age, limit: limit) }
    }

    public func reserve(_ downstream: Downstream, interval: Duration, maxWait: Duration) async throws -> Duration? {
        try await unitOfWork.withConnection {
            try await $0.rateLimits.reserve(downstream, interval: interval, maxWait: maxWait)
        }
    }
}
