import Application
import Domain
import Foundation
import Logging
import Synchronization
import Worker

/// A job whose claims and attempt results the test scripts, recording what the runtime asks of it.
final class FakeJob: Job {
    struct Item: Sendable, Equatable {
        let id: Int
        let lease: QueueLease

        init(id: Int, attempts: Int = 0, interruptions: Int = 0) {
            self.id = id
            self.lease = QueueLease(
                itemID: FakeJob.uuid(id), token: UUID(), attempts: attempts, claims: attempts + 1,
                interruptions: interruptions)
        }
    }

    let maxAttempts: Int
    let pending = Mutex<[Item]>([])
    let claims = Mutex<[Int]>([])
    /// How many claims still fail as an unreachable database does.
    let failingClaims = Mutex(0)
    /// How many claims still never answer, ignoring cancellation, until `releaseHungClaims()`.
    let hangingClaims = Mutex(0)
    private let hung = Mutex<[CheckedContinuation<Void, Never>]>([])
    let attempts = Mutex<[Int]>([])
    let exhausted = Mutex<[Int]>([])
    /// The attempt counts `exhaust` was told.
    let exhaustedAfter = Mutex<[Int]>([])
    /// Results per item id, consumed in order; `.finished` when the script runs out.
    let script = Mutex<[Int: [AttemptResult]]>([:])
    let attemptDelay: Duration
    /// While set, every attempt waits (30 s at most) until it answers `true`: it keeps items in flight until
    /// something the test waits for has happened, however slow the machine.
    let holdAttemptsUntil = Mutex<(@Sendable () -> Bool)?>(nil)

    init(maxAttempts: Int = 3, attemptDelay: Duration = .zero) {
        self.maxAttempts = maxAttempts
        self.attemptDelay = attemptDelay
    }

    static func uuid(_ id: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", id)) ?? UUID()
    }

    var kind: JobKind { .purchaseConfirmation }
    func lease(of item: Item) -> QueueLease { item.lease }

    func releaseHungClaims() {
        for continuation in hung.withLock({ hung in
            defer { hung = [] }; return hung
        }) { continuation.resume() }
    }
    func logMetadata(of item: Item) -> Logger.Metadata { ["item": .stringConvertible(item.id)] }

    func claim(limit: Int) async throws -> [Item] {
        claims.withLock { $0.append(limit) }
        if failingClaims.withLock({ count in
            defer { count = max(0, count - 1) }
            return count > 0
        }) {
            throw DatabaseUnavailable(reason: "test outage")
        }
        if hangingClaims.withLock({ count in
            defer { count = max(0, count - 1) }
            return count > 0
        }) {
            await withCheckedContinuation { continuation in hung.withLock { $0.append(continuation) } }
            return []
        }
        return pending.withLock { pending in
            let taken = Array(pending.prefix(limit))
            pending.removeFirst(taken.count)
            return taken
        }
    }

    func attempt(_ item: Item) async -> AttemptResult {
        attempts.withLock { $0.append(item.id) }
        if attemptDelay > .zero { try? await Task.sleep(for: attemptDelay) }
        if let released = holdAttemptsUntil.withLock({ $0 }) {
            let deadline = ContinuousClock.now + .seconds(30)
            while !released(), !Task.isCancelled, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        return script.withLock { script in
            guard var results = script[item.id], !results.isEmpty else { return .finished(outcome: "done") }
            let next = results.removeFirst()
            script[item.id] = results
            return next
        }
    }

    func exhaust(_ item: Item, attempts: Int) async -> AttemptResult {
        exhausted.withLock { $0.append(item.id) }
        exhaustedAfter.withLock { $0.append(attempts) }
        return .finished(outcome: "exhausted")
    }
}

/// A queue that records every write the runtime makes and answers with `verdict` (or fails them all while
/// `writesFail`, as when the database is down).
final class FakeQueue: JobQueue {
    enum Write: Equatable {
        case business(UUID, delay: Duration)
        case infrastructure(UUID, FailureClass, delay: Duration)
        case interrupt(UUID, max: Int)
        case release(UUID, delay: Duration)
        case park(UUID, FailureClass)
    }

    let writes = Mutex<[Write]>([])
    let renewed = Mutex<[[UUID]]>([])
    let journaled = Mutex<[JobAttemptRecord]>([])
    let enabled = Mutex(true)
    let verdict = Mutex(QueueVerdict.rescheduled)
    let writesFail = Mutex(false)
    /// Writes refused while `writesFail`.
    let failedWrites = Mutex(0)
    /// What `reserve` answers (`nil`: the slot is too far away).
    let reservation = Mutex<Duration?>(.zero)
    let reservations = Mutex(0)
    let breakerReports = Mutex<[BreakerState]>([])

    /// How often the pause flag was read.
    let enabledChecks = Mutex(0)

    func isEnabled(_ job: JobKind) async -> Bool {
        enabledChecks.withLock { $0 += 1 }
        return enabled.withLock { $0 }
    }
    func renew(_ job: JobKind, owner: String, ids: [UUID], lease: Duration) async throws -> Int {
        renewed.withLock { $0.append(ids) }
        return ids.count
    }
    func retryBusiness(_ job: JobKind, _ lease: QueueLease, after delay: Duration, message: String) async throws
        -> QueueVerdict
    { try record(.business(lease.itemID, delay: delay)) }
    func retryInfrastructure(
        _ job: JobKind, _ lease: QueueLease, after delay: Duration, failure: DownstreamFailure, horizon: Duration
    ) async throws -> QueueVerdict { try record(.infrastructure(lease.itemID, failure.failureClass, delay: delay)) }
    func interrupt(_ job: JobKind, _ lease: QueueLease, after delay: Duration, message: String, maxInterruptions: Int)
        async throws -> QueueVerdict
    { try record(.interrupt(lease.itemID, max: maxInterruptions)) }
    func release(_ job: JobKind, _ lease: QueueLease, after delay: Duration) async throws {
        _ = try record(.release(lease.itemID, delay: delay))
    }
    func park(_ job: JobKind, _ lease: QueueLease, failure: FailureClass, message: String) async throws
        -> QueueVerdict
    {
        _ = try record(.park(lease.itemID, failure))
        return .parked
    }
    func nextDue(_ job: JobKind) async throws -> Duration? { nil }
    func summary(_ job: JobKind) async throws -> JobQueueSummary {
        JobQueueSummary(job: job, counts: [:], oldestDueAgeSeconds: 0)
    }
    func journal(_ records: [JobAttemptRecord]) async throws { journaled.withLock { $0 += records } }
    func pruneJournal(olderThan age: Duration, limit: Int) async throws -> Int { 0 }
    func reportBreaker(_ job: JobKind, worker: String, state: BreakerState) async throws {
        breakerReports.withLock { $0.append(state) }
    }
    func reserve(_ downstream: Downstream, interval: Duration, maxWait: Duration) async throws -> Duration? {
        reservations.withLock { $0 += 1 }
        return reservation.withLock { $0 }
    }

    private func record(_ write: Write) throws -> QueueVerdict {
        if writesFail.withLock({ $0 }) {
            failedWrites.withLock { $0 += 1 }
            throw DatabaseUnavailable(reason: "the fake database is down")
        }
        writes.withLock { $0.append(write) }
        return verdict.withLock { $0 }
    }
}

/// Random numbers from a list, repeating the last one.
final class ScriptedRandom: RandomSource {
    let values: [Double]
    let index = Mutex(0)
    init(values: [Double]) { self.values = values }
    func nextUnit() -> Double {
        index.withLock { index in
            defer { index += 1 }
            return values[min(index, values.count - 1)]
        }
    }
}
