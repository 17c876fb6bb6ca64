/// Group commit: concurrent callers' requests are written (or read) together, one batch per database round trip.
///
/// Why: a worker with hundreds of runners settling at once would otherwise pay one statement (and one commit)
/// per purchase; the API's concurrent ingestions and caller reads likewise (`IngestionRounds`, `CallerReader`). Here the first caller flushes its request alone; callers arriving while that flush runs wait
/// and are flushed together by the first of them, who becomes the next leader. No timer and no extra task:
/// at low load every request goes out at once, under load batches grow by themselves (up to `maxBatch`).
///
/// A flush that stalls (a lock, a database that stopped answering) holds up the requests queued behind it. With a
/// `waitLimit`, the requests that have waited longer than its duration when the flush ends are answered with its
/// error instead of going out in the next flush: they do not pile up behind a stalled database, as the pool's
/// lease timeout keeps requests from piling up for a connection.
public actor GroupCommit<Request: Sendable, Response: Sendable> {
    /// Writes one batch; answers one result per request, in order.
    public typealias Flush = @Sendable ([Request]) async -> [Result<Response, any Error>]

    private enum Turn {
        case done(Result<Response, any Error>)
        case lead
    }

    private struct Waiter {
        let request: Request
        let since: ContinuousClock.Instant
        let continuation: CheckedContinuation<Turn, Never>
    }

    /// How long a request may wait for its flush, and what it is answered when it waited longer.
    public struct WaitLimit: Sendable {
        let duration: Duration
        let error: any Error

        public init(_ duration: Duration, error: any Error) {
            (self.duration, self.error) = (duration, error)
        }
    }

    private let maxBatch: Int
    private let waitLimit: WaitLimit?
    private let flush: Flush
    private var waiting: [Waiter] = []
    private var flushing = false

    public init(maxBatch: Int, waitLimit: WaitLimit? = nil, flush: @escaping Flush) {
        precondition(maxBatch >= 1, "a batch holds at least one request")
        self.maxBatch = maxBatch
        self.waitLimit = waitLimit
        self.flush = flush
    }

    /// Writes `request` (alone or with others) and returns its own result.
    public func submit(_ request: Request) async throws -> Response {
        if flushing {
            let since = ContinuousClock.now
            let turn = await withCheckedContinuation {
                waiting.append(Waiter(request: request, since: since, continuation: $0))
            }
            if case .done(let result) = turn { return try result.get() }
        }
        flushing = true
        let followers = Array(waiting.prefix(maxBatch - 1))
        waiting.removeFirst(followers.count)
        var results = await flush([request] + followers.map(\.request))
        if results.count != followers.count + 1 {
            results = Array(repeating: .failure(GroupCommitError.resultCountMismatch), count: followers.count + 1)
        }
        for (follower, result) in zip(followers, results.dropFirst()) {
            follower.continuation.resume(returning: .done(result))
        }
        if let waitLimit {
            // Oldest first: the requests that waited too long are a prefix of the queue.
            let now = ContinuousClock.now
            while let first = waiting.first, now - first.since > waitLimit.duration {
                waiting.removeFirst().continuation.resume(returning: .done(.failure(waitLimit.error)))
            }
        }
        if waiting.isEmpty {
            flushing = false
        } else {
            waiting.removeFirst().continuation.resume(returning: .lead)
        }
        return try results[0].get()
    }
}

/// A flush broke its contract (one result per request); every request of that batch fails with it.
public enum GroupCommitError: Error, Equatable, Sendable {
    case resultCountMismatch
}

extension GroupCommit.WaitLimit {
    /// Waiting for a shared statement is waiting for a connection: bounded by the unit of work's lease timeout, and
    /// answered as an unavailable database (503) beyond it.
    static func forALease(of unitOfWork: any UnitOfWork) -> Self {
        Self(
            unitOfWork.leaseTimeout,
            error: DatabaseUnavailable(
                reason: "no shared statement within the lease timeout (\(unitOfWork.leaseTimeout))"))
    }
}
