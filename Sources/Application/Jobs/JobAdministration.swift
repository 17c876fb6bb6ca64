public import Domain
public import Foundation

/// What operators do with the worker's queues (ADR 020): see each job's items by state, read one item's
/// attempt history, and redrive a parked item — every redrive audited in the same transaction.
public struct JobAdministration: Sendable {
    /// An item and its newest attempts.
    public struct ItemHistory: Sendable {
        public let item: JobItem
        public let attempts: [JobAttemptRecord]
    }

    /// Why a redrive did not happen.
    public enum RedriveError: Error, Equatable, Sendable {
        case notFound
        /// The item exists but is not parked (it is due, running or retrying already).
        case notParked(JobItemState)
    }

    let unitOfWork: any UnitOfWork
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, clock: any WallClock) {
        (self.unitOfWork, self.clock) = (unitOfWork, clock)
    }

    /// A job's queue at a glance and whether its pause flag holds it.
    public struct Overview: Sendable {
        public let summary: JobQueueSummary
        /// The job's global flag (`JobKind.pauseFlag`) is disabled: workers claim nothing of it.
        public let paused: Bool
    }

    /// Every job's counts by state, oldest due age and pause state.
    public func overview() async throws -> [Overview] {
        try await unitOfWork.withConnection { repositories in
            var overview: [Overview] = []
            for job in JobKind.allCases {
                let flag = try await repositories.featureFlags.find(key: job.pauseFlag.value, scope: .global)
                overview.append(
                    Overview(
                        summary: try await repositories.jobQueue.summary(job),
                        paused: !FlagResolution.resolve(scoped: nil, global: flag)))
            }
            return overview
        }
    }

    public func items(_ job: JobKind, state: JobItemState?, page: PageRequest) async throws -> Page<JobItem> {
        try await unitOfWork.withConnection { try await $0.jobQueue.items(job, state: state, page: page) }
    }

    /// Who holds the job's items now and its journaled attempts per minute over the last `window`.
    public func activity(_ job: JobKind, window: TimeInterval = 3600) async throws -> JobActivity {
        let since = clock.now().addingTimeInterval(-window)
        return try await unitOfWork.withConnection { repositories in
            JobActivity(
                inFlight: try await repositories.jobQueue.inFlight(job),
                breakers: try await repositories.jobQueue.breakers(job),
                attempts: try await repositories.jobQueue.attemptsPerMinute(job, since: since))
        }
    }

    /// Items of every job found by `search`, each job's oldest due first, at most `limit` per job.
    public func search(_ search: JobSearch, limit: Int = 50) async throws -> [JobItem] {
        try await unitOfWork.withConnection { repositories in
            var found: [JobItem] = []
            for job in JobKind.allCases { found += try await repositories.jobQueue.search(job, search, limit: limit) }
            return found
        }
    }

    /// The item and its last `limit` attempts, newest first; `nil` when the queue has no such item.
    public func history(_ job: JobKind, itemID: UUID, limit: Int = 100) async throws -> ItemHistory? {
        try await unitOfWork.withConnection { repositories in
            guard let item = try await repositories.jobQueue.item(job, id: itemID) else { return nil }
            return ItemHistory(
                item: item, attempts: try await repositories.jobQueue.attempts(job, itemID: itemID, limit: limit))
        }
    }

    /// Makes a parked item due now and records who did it (`JOB_ITEM_REDRIVEN`).
    public func redrive(_ job: JobKind, itemID: UUID, by actor: AuditActor, note: String? = nil) async throws
        -> JobItem
    {
        try await unitOfWork.transaction { repositories in
            guard let item = try await repositories.jobQueue.item(job, id: itemID) else { throw RedriveError.notFound }
            guard try await repositories.jobQueue.redrive(job, id: itemID) else {
                throw RedriveError.notParked(item.state)
            }
            var details = [
                "job": job.rawValue, "last_error": item.lastError ?? "", "last_error_class": item.lastErrorClass ?? "",
                "attempts": String(item.attempts),
            ]
            if let note { details["note"] = note }
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: clock.now(), actor: actor, action: .jobItemRedriven, resourceType: job.rawValue,
                    resourceID: itemID.uuidString.lowercased(), details: details))
            guard let redriven = try await repositories.jobQueue.item(job, id: itemID) else {
                throw RedriveError.notFound
            }
            return redriven
        }
    }
}
