import Synchronization

/// The first of several outcomes of one call (its result, a deadline's refusal), handed once to the caller waiting
/// for it, whichever comes first and whether or not the caller is already waiting.
///
/// Why: the deadlines around database work (`LeaseDeadline`, the worker's `AnswerDeadline`) answer their caller
/// without waiting for the call itself to end, which a call stuck in a driver may never do.
package final class FirstOutcome<Value: Sendable>: Sendable {
    private enum State {
        case open(CheckedContinuation<Value, any Error>?)
        case settled(Result<Value, any Error>)
        case delivered
    }
    private let state = Mutex(State.open(nil))

    package init() {}

    /// Settles the outcome, unless an earlier one did.
    package func finish(_ result: Result<Value, any Error>) {
        let waiting: CheckedContinuation<Value, any Error>? = state.withLock { state in
            guard case .open(let continuation) = state else { return nil }
            state = continuation == nil ? .settled(result) : .delivered
            return continuation
        }
        waiting?.resume(with: result)
    }

    /// Resumes `continuation` with the outcome, now or when it comes.
    package func deliver(to continuation: CheckedContinuation<Value, any Error>) {
        let settled: Result<Value, any Error>? = state.withLock { state in
            guard case .settled(let result) = state else {
                state = .open(continuation)
                return nil
            }
            state = .delivered
            return result
        }
        if let settled { continuation.resume(with: settled) }
    }
}
