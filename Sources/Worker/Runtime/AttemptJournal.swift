package import Domain
import Synchronization

/// Attempt records waiting to be written to `job_attempts` in one batch (at most a second late). A crash loses
/// the buffered lines, never an outcome: the queue row holds the outcome, and the next claim journals a crashed
/// attempt itself.
package final class AttemptJournal: Sendable {
    private let buffer = Mutex<[JobAttemptRecord]>([])
    /// Beyond this many waiting lines (the database is down), the oldest are dropped.
    let capacity: Int

    package init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    func append(_ record: JobAttemptRecord) {
        buffer.withLock { buffer in
            if buffer.count >= capacity { buffer.removeFirst(buffer.count - capacity + 1) }
            buffer.append(record)
        }
    }

    /// Everything buffered, emptying the buffer.
    package func drain() -> [JobAttemptRecord] {
        buffer.withLock { buffer in
            defer { buffer = [] }; return buffer
        }
    }

    /// Puts back lines a failed write could not store.
    func restore(_ records: [JobAttemptRecord]) {
        buffer.withLock { buffer in buffer = Array((records + buffer).suffix(capacity)) }
    }
}
