import Application
import Synchronization

/// Bounds the wait for a pooled connection, and only that wait: once the work holds its connection, the
/// deadline no longer applies, so a unit of work is never abandoned half-way (no "timed out but committed").
///
/// Why: with the database down or every connection busy, PostgresNIO queues lease requests until a
/// connection appears; requests would pile up for a minute. The lease request is cancellable, so the
/// deadline cancels it and answers `DatabaseUnavailable`.
enum LeaseDeadline {
    /// Runs `body`, which must call `leased()` as soon as it holds its connection.
    static func run<Result: Sendable>(
        within timeout: Duration, _ body: @Sendable (_ leased: @escaping @Sendable () -> Void) async throws -> Result
    ) async throws -> Result {
        let holding = Holding()
        DatabaseMetrics.adjust(waiting: 1, inUse: 0)
        defer { DatabaseMetrics.adjust(waiting: holding.isMarked ? 0 : -1, inUse: holding.isMarked ? -1 : 0) }
        return try await withoutActuallyEscaping(body) { body in
            try await withThrowingTaskGroup(of: Result?.self) { group in
                group.addTask {
                    try await body {
                        holding.mark()
                        DatabaseMetrics.adjust(waiting: -1, inUse: 1)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    guard holding.isMarked else {
                        DatabaseMetrics.leaseTimedOut()
                        throw DatabaseUnavailable(reason: "no database connection within \(timeout)")
                    }
                    return nil
                }
                while let next = try await group.next() {
                    if let result = next {
                        group.cancelAll()
                        return result
                    }
                }
                throw CancellationError()
            }
        }
    }

    /// Whether the work got its connection.
    private final class Holding: Sendable {
        private let marked = Mutex(false)
        var isMarked: Bool { marked.withLock { $0 } }
        func mark() { marked.withLock { $0 = true } }
    }
}
