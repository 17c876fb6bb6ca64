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

    /// With a wait limit, requests that queued behind a flush for longer than the limit are answered with the
    /// limit's error when that flush ends, and never go out; the rest are written as usual.
    @Test func requestsThatWaitedPastTheLimitAreAnsweredWithItsErrorAndNeverWritten() async throws {
        enum Waited: Error { case tooLong }
        let recorder = RecordingFlush()
        // A limit of zero: whoever queued behind a running flush has waited too long by the time it ends.
        let commit = GroupCommit<Int, Int>(maxBatch: 16, waitLimit: .init(.zero, error: Waited.tooLong)) {
            await recorder.flush($0)
        }
        let answers = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            for request in 0..<100 {
                group.addTask {
                    do {
                        return (request, .success(try await commit.submit(request * 2)))
                    } catch {
                        return (request, .failure(error))
                    }
                }
            }
            return await group.reduce(into: [Int: Result<Int, any Error>]()) { $0[$1.0] = $1.1 }
        }
        let written = Set(recorder.batches.withLock { $0 }.flatMap { $0 })
        var expired = 0
        for (request, answer) in answers {
            switch answer {
            case .success(let value): #expect(value == request * 20 && written.contains(request * 2))
            case .failure(Waited.tooLong):
                expired += 1
                #expect(!written.contains(request * 2), "an expired request never goes out")
            case .failure(let error): Issue.record("request \(request): \(error)")
            }
        }
        #expect(expired > 0, "100 requests at once: some queued behind a running flush")
        #expect(expired + written.count == 100)
        #expect(try await commit.submit(4) == 40, "the queue drained: a new request is written at once")
    }

    @Test func aFlushThatMiscountsFailsTheWholeBatch() async {
        let commit = GroupCommit<Int, Int>(maxBatch: 4) { _ in [] }
        await #expect(throws: GroupCommitError.resultCountMismatch) { try await commit.submit(1) }
    }
}
