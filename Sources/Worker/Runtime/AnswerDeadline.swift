import Application

/// Answers a call's caller by a deadline whatever the call does: the call runs in a task of its own, and at the
/// deadline the caller gets `NoAnswer` while the call is cancelled and left to end when it can.
///
/// Why: a worker once stopped claiming for good after a database outage (fault-injection test, two runs in
/// about ten): its dispatcher waited on a claim that never answered once the database was back, so no
/// notification, sweep or alarm could reach it. The lease deadline (Postgres's `LeaseDeadline`) bounds only the
/// wait for a connection, on purpose: a unit of work that holds one is never abandoned half-way. A claim may be
/// abandoned: what it leased and nobody runs comes back when its lease expires.
package enum AnswerDeadline {
    /// The call did not answer in time.
    package struct NoAnswer: Error, CustomStringConvertible {
        let limit: Duration
        package var description: String { "no answer within \(limit)" }
    }

    package static func run<Value: Sendable>(
        within limit: Duration, _ call: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let answer = FirstOutcome<Value>()
        let work = Task { answer.finish(await Self.result(of: call)) }
        let timer = Task {
            guard (try? await Task.sleep(for: limit)) != nil else { return }
            answer.finish(.failure(NoAnswer(limit: limit)))
            work.cancel()
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { answer.deliver(to: $0) }
        } onCancel: {
            work.cancel()
        }
    }

    private static func result<Value>(of call: () async throws -> Value) async -> Result<Value, any Error> {
        do { return .success(try await call()) } catch { return .failure(error) }
    }
}
