/// Group commit: concurrent callers' requests are written (or read) together, one batch per database round trip.
///
/// Why: a worker with hundreds of runners settling at once would otherwise pay one statement (and one commit)
/// per purchase; the API's concurrent ingestions and caller reads likewise (`IngestionRecorder`, `CallerReader`). Here the first caller flushes its request alone; callers arriving while that flush runs wait
/// and are flushed together by the first of them, who becomes the next leader. No timer and no extra task:
/// at low load every request goes out at once, under load batches grow by themselves (up to `maxBatch`).
public actor GroupCommit<Request: Sendable, Response: Sendable> {
    /// Writes one batch; answers one result per request, in order.
    public typealias Flush = @Sendable ([Request]) async -> [Result<Response, any Error>]

    private enum Turn {
        case done(Result<Response, any Error>)
        case lead
    }

    private struct Waiter {
        let request: Request
        let continuation: CheckedContinuation<Turn, Never>
    }

    private let maxBatch: Int
    private let flush: Flush
    private var waiting: [Waiter] = []
    private var flushing = false

    public init(maxBatch: Int, flush: @escaping Flush) {
        precondition(maxBatch >= 1, "a batch holds at least one request")
        self.maxBatch = maxBatch
        self.flush = flush
    }

    /// Writes `request` (alone or with others) and returns its own result.
    public func submit(_ request: Request) async throws -> Response {
        if flushing {
            let turn = await withCheckedContinuation { waiting.append(Waiter(request: request, continuation: $0)) }
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
