import Application
import Synchronization
import Testing

@Suite struct GroupCommitTests {
    enum Refused: Error { case odd }

    /// Records every batch it is asked to write; pauses in each flush so that concurrent callers pile up.
    final class RecordingFlush: Sendable {
        let batches = Mutex<[[Int]]>([])

        func flush(_ batch: [Int]) async -> [Result<Int, any Error>] {
            batches.withLock { $0.append(batch) }
            try? await Task.sleep(for: .milliseconds(5))
            return batch.map { $0.isMultiple(of: 2) ? .success($0 * 10) : .failure(Refused.odd) }
        }
    }

    @Test func aLoneRequestIsWrittenAtOnceAndGetsItsOwnResult() async throws {
        let recorder = RecordingFlush()
        let commit = GroupCommit<Int, Int>(maxBatch: 8) { await recorder.flush($0) }
        #expect(try await commit.submit(4) == 40)
        await #expect(throws: Refused.odd) { try await commit.submit(3) }
        #expect(recorder.batches.withLock { $0 } == [[4], [3]])
    }

    @Test func concurrentRequestsShareBatchesAndEachGetsItsOwnResult() async throws {
        let recorder = RecordingFlush()
        let commit = GroupCommit<Int, Int>(maxBatch: 16) { await recorder.flush($0) }
        let answers = await withTaskGroup(of: (Int, Int?).self) { group in
            for request in 0..<200 { group.addTask { (request, try? await commit.submit(request)) } }
            return await group.reduce(into: [Int: Int?]()) { $0[$1.0] = $1.1 }
        }
        for (request, answer) in answers {
            #expect(answer == (request.isMultiple(of: 2) ? request * 10 : nil))
        }
        let batches = recorder.batches.withLock { $0 }
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<200), "every request written exactly once")
        #expect(batches.allSatisfy { $0.count <= 16 })
        #expect(batches.count < 200, "requests arriving during a flush were grouped")
    }

    @Test func aFlushThatMiscountsFailsTheWholeBatch() async {
        let commit = GroupCommit<Int, Int>(maxBatch: 4) { _ in [] }
        await #expect(throws: GroupCommitError.resultCountMismatch) { try await commit.submit(1) }
    }
}
