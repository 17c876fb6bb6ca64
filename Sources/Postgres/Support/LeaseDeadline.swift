import Application
import NIOCore
import NIOPosix
import Synchronization

/// Bounds the wait for a pooled connection, and only that wait: once the work holds its connection, the
/// deadline no longer applies, so a unit of work is never abandoned half-way (no "timed out but committed").
///
/// Why: with the database down or every connection busy, PostgresNIO queues lease requests until a
/// connection appears; requests would pile up for a minute. The lease request is cancellable, so the
/// deadline cancels it and answers `DatabaseUnavailable`.
///
/// The work runs as one task and the deadline is a timer on the current NIO event loop, cancelled once the
/// work is done. (A task group racing the work against `Task.sleep` cost two child tasks and a libdispatch
/// timer per unit of work, about a tenth of the API's CPU per ingest: docs/performance.md.)
package enum LeaseDeadline {
    /// Runs `body`, which must call `leased()` as soon as it holds its connection; `leased()` throws when the
    /// deadline came first, so work that gets its connection too late never starts.
    ///
    /// At the deadline the caller gets `DatabaseUnavailable` at once, without waiting for the pool to honour the
    /// cancellation of the lease request: a worker whose claim once waited on a request the pool never answered
    /// stopped claiming for good (fresh-clone CI, a database outage while the worker was starting).
    package static func run<Result: Sendable>(
        within timeout: Duration,
        _ body: @escaping @Sendable (_ leased: @escaping @Sendable () throws -> Void) async throws -> Result
    ) async throws -> Result {
        let lease = LeaseState()
        let outcome = FirstOutcome<Result>()
        DatabaseMetrics.adjust(waiting: 1, inUse: 0)
        defer { DatabaseMetrics.adjust(waiting: lease.isHeld ? 0 : -1, inUse: lease.isHeld ? -1 : 0) }
        let work = Task {
            do {
                outcome.finish(
                    .success(
                        try await body {
                            guard lease.hold() else { throw CancellationError() }
                            DatabaseMetrics.adjust(waiting: -1, inUse: 1)
                        }))
            } catch {
                outcome.finish(.failure(error))
            }
        }
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? NIOSingletons.posixEventLoopGroup.next()
        let deadline = loop.scheduleTask(in: TimeAmount(timeout)) {
            if lease.expire() {
                work.cancel()
                outcome.finish(.failure(CancellationError()))
            }
        }
        defer { deadline.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { outcome.deliver(to: $0) }
            } onCancel: {
                work.cancel()
            }
        } catch  where lease.hasExpired {
            DatabaseMetrics.leaseTimedOut()
            throw DatabaseUnavailable(reason: "no database connection within \(timeout)")
        }
    }

    /// Whether the work got its connection before the deadline, or the deadline came first.
    private final class LeaseState: Sendable {
        private enum Phase { case waiting, held, expired }
        private let phase = Mutex(Phase.waiting)

        var isHeld: Bool { phase.withLock { $0 == .held } }
        var hasExpired: Bool { phase.withLock { $0 == .expired } }

        /// The work holds its connection; `false` if the deadline had already passed.
        func hold() -> Bool {
            phase.withLock { phase in
                guard phase == .waiting else { return false }
                phase = .held
                return true
            }
        }

        /// The deadline passed; `true` if the work was still waiting for its connection.
        func expire() -> Bool {
            phase.withLock { phase in
                guard phase == .waiting else { return false }
                phase = .expired
                return true
            }
        }
    }
}
