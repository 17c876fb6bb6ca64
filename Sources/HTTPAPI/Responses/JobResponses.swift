import Application
import Domain
import Foundation
import Hummingbird

/// `JobOverviewList`: every job at a glance.
struct JobOverviewListResponse: ResponseEncodable {
    let data: [JobOverviewResponse]
}

/// `JobOverview`: one job's items per state, the age of its oldest due item and its pause state.
struct JobOverviewResponse: ResponseEncodable {
    let job: String
    let paused: Bool
    let counts: [String: Int]
    let oldestDueAgeSeconds: Double

    init(_ overview: JobAdministration.Overview) {
        job = overview.summary.job.rawValue
        paused = overview.paused
        counts = Dictionary(
            uniqueKeysWithValues: JobItemState.allCases.map { ($0.rawValue, overview.summary.counts[$0] ?? 0) })
        oldestDueAgeSeconds = overview.summary.oldestDueAgeSeconds
    }

    enum CodingKeys: String, CodingKey {
        case job, paused, counts
        case oldestDueAgeSeconds = "oldest_due_age_seconds"
    }
}

/// `JobItem`: one queue row, its counters and the last thing that went wrong. Absent values are `null`.
struct JobItemResponse: ResponseEncodable {
    let item: JobItem

    init(_ item: JobItem) {
        self.item = item
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(item.job.rawValue, forKey: .job)
        try container.encode(item.itemID.uuidString.lowercased(), forKey: .itemID)
        try container.encode(item.state.rawValue, forKey: .state)
        try container.encode(item.attempts, forKey: .attempts)
        try container.encode(item.claims, forKey: .claims)
        try container.encode(item.interruptions, forKey: .interruptions)
        try container.encode(WireFormat.utcTimestamp(item.nextAttemptAt), forKey: .nextAttemptAt)
        try container.encode(item.failingSince.map(WireFormat.utcTimestamp), forKey: .failingSince)
        try container.encode(item.parkedAt.map(WireFormat.utcTimestamp), forKey: .parkedAt)
        try container.encode(item.leaseOwner, forKey: .leaseOwner)
        try container.encode(item.lastError, forKey: .lastError)
        try container.encode(item.lastErrorClass, forKey: .lastErrorClass)
        try container.encode(WireFormat.utcTimestamp(item.createdAt), forKey: .createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case job, state, attempts, claims, interruptions
        case itemID = "item_id"
        case nextAttemptAt = "next_attempt_at"
        case failingSince = "failing_since"
        case parkedAt = "parked_at"
        case leaseOwner = "lease_owner"
        case lastError = "last_error"
        case lastErrorClass = "last_error_class"
        case createdAt = "created_at"
    }
}

/// `JobAttempt`: one line of the attempt journal. A crashed attempt has no duration.
struct JobAttemptResponse: ResponseEncodable {
    let attempt: JobAttemptRecord

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(attempt.attempt, forKey: .attempt)
        try container.encode(attempt.worker, forKey: .worker)
        try container.encode(WireFormat.utcTimestamp(attempt.startedAt), forKey: .startedAt)
        try container.encode(attempt.durationMilliseconds, forKey: .durationMilliseconds)
        try container.encode(attempt.outcome, forKey: .outcome)
        try container.encode(attempt.errorClass?.rawValue, forKey: .errorClass)
        try container.encode(attempt.message, forKey: .message)
    }

    enum CodingKeys: String, CodingKey {
        case attempt, worker, outcome, message
        case startedAt = "started_at"
        case durationMilliseconds = "duration_ms"
        case errorClass = "error_class"
    }
}

/// `JobItemHistory`: an item and its newest attempts, newest first.
struct JobItemHistoryResponse: ResponseEncodable {
    let item: JobItemResponse
    let attempts: [JobAttemptResponse]

    init(_ history: JobAdministration.ItemHistory) {
        item = JobItemResponse(history.item)
        attempts = history.attempts.map(JobAttemptResponse.init)
    }
}
