import Application
import Synchronization
import Testing

/// The gate in front of bcrypt: bounded work, bounded queue, the rest shed at once.
@Suite struct BoundedWorkTests {
    /// The order in which jobs started.
    final class Starts: Sendable {
        let order = Mutex<[Int]>([])
        func record(_ job: Int) { order.withLock { $0.append(job) } }
        var recorded: [Int] { order.withLock { $0 } }
    }

    @Test func runsAtMostTheLimitQueuesInOrderAndShedsTheRest() async throws {
        let gate = BoundedWork(maxRunning: 1, maxWaiting: 1)
        let (release, releaser) = AsyncStream.makeStream(of: Void.self)
        let starts = Starts()
        let first = Task {
            try await gate.run { @Sendable in
                starts.record(1)
                for await _ in release { break }
                return 1
            }
        }
        while starts.recorded.isEmpty { await Task.yield() }
        let second = Task {
            try await gate.run { @Sendable in
                starts.record(2)
                return 2
            }
        }
        while gate.queued == 0 { await Task.yield() }
        await #expect(throws: BoundedWork.Overloaded.self) { try await gate.run { @Sendable in 3 } }
        #expect(starts.recorded == [1], "the second waits, the third is refused at once")
        releaser.yield()
        let results = (try await first.value, try await second.value)
        #expect(results == (1, 2))
        #expect(starts.recorded == [1, 2])
        #expect(try await gate.run { @Sendable in 4 } == 4, "slots are given back")
    }
}
