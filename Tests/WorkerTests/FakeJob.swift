import Application
import Foundation
import Logging
import Synchronization
import Worker

/// A job whose claims and attempt results the test scripts, recording everything the runtime asks.
final class FakeJob: Job {
    struct Item: Sendable, Equatable {
        let id: Int
        let priorAttempts: Int
    }

    struct Log: Sendable {
        var claims: [Int] = []
        var attempts: [(id: Int, number: Int)] = []
        var retries: [(id: Int, attempts: Int, delay: Duration)] = []
        var exhausted: [Int] = []
        var released: [Int] = []
        var renewed: [[Int]] = []
    }

    let maxAttempts: Int
    let pending = Mutex<[Item]>([])
    let log = Mutex(Log())
    let enabled = Mutex(true)
    /// Results per item id, consumed in order; `.finished` when the script runs out.
    let script = Mutex<[Int: [AttemptResult]]>([:])
    let attemptDelay: Duration
    let rescheduleSucceeds: Bool

    init(maxAttempts: Int = 3, attemptDelay: Duration = .zero, rescheduleSucceeds: Bool = true) {
        self.maxAttempts = maxAttempts
        self.attemptDelay = attemptDelay
        self.rescheduleSucceeds = rescheduleSucceeds
    }

    var name: String { "fake" }
    func id(of item: Item) -> Int { item.id }
    func priorAttempts(of item: Item) -> Int { item.priorAttempts }
    func logMetadata(of item: Item) -> Logger.Metadata { ["item": .stringConvertible(item.id)] }
    func isEnabled() async -> Bool { enabled.withLock { $0 } }

    func claim(limit: Int) async throws -> [Item] {
        log.withLock { $0.claims.append(limit) }
        return pending.withLock { pending in
            let taken = Array(pending.prefix(limit))
            pending.removeFirst(taken.count)
            return taken
        }
    }

    func renewLeases(of ids: [Int]) async throws { log.withLock { $0.renewed.append(ids.sorted()) } }

    func attempt(_ item: Item, number: Int) async -> AttemptResult {
        log.withLock { $0.attempts.append((item.id, number)) }
        if attemptDelay > .zero { try? await Task.sleep(for: attemptDelay) }
        return script.withLock { script in
            guard var results = script[item.id], !results.isEmpty else { return .finished(outcome: "done") }
            let next = results.removeFirst()
            script[item.id] = results
            return next
        }
    }

    func scheduleRetry(_ item: Item, attempts: Int, after delay: Duration, reason: String) async -> Bool {
        log.withLock { $0.retries.append((item.id, attempts, delay)) }
        return rescheduleSucceeds
    }

    func exhaust(_ item: Item, attempts: Int) async -> AttemptResult {
        log.withLock { $0.exhausted.append(item.id) }
        return .finished(outcome: "exhausted")
    }

    func release(_ item: Item) async { log.withLock { $0.released.append(item.id) } }
}

/// Random numbers from a list, repeating the last one.
final class ScriptedRandom: RandomSource {
    let values: [Double]
    let index = Mutex(0)
    init(values: [Double]) { self.values = values }
    func nextUnit() -> Double {
        index.withLock { index in
            defer { index += 1 }
            return values[min(index, values.count - 1)]
        }
    }
}
