import Foundation
import TestSupport
import Testing

/// Faults against real processes and a real PostgreSQL: after each, reconcile is clean and every purchase
/// exists once and is settled once.
@Suite(.serialized) struct FaultInjectionTests {
    @Test func aDatabaseOutageAnswers503QuicklyAndEverythingRecoversByItself() async throws {
        let system = try await RunningSystem.start()
        defer { Task { await system.stop() } }
        try system.startWorker()
        #expect(try await system.ingest("before-outage").status == 201)

        try await system.cluster.down()
        let outageStarted = ContinuousClock.now
        var outageAnswers: [Int] = []
        var slowest = Duration.zero
        while ContinuousClock.now - outageStarted < .seconds(10) {
            let sent = ContinuousClock.now
            let answer = try await system.ingest("during-\(outageAnswers.count)", timeout: 15)
            slowest = max(slowest, ContinuousClock.now - sent)
            outageAnswers.append(answer.status)
            if answer.status == 503 {
                #expect(answer.errorCode == "SERVICE_UNAVAILABLE" && answer.headers["retry-after"] != nil)
            }
        }
        let ready = try await HTTPCall.send("GET", "\(system.base)/health/ready", timeout: 15)
        #expect(ready.status == 503)
        #expect(!outageAnswers.isEmpty && outageAnswers.allSatisfy { $0 == 503 }, "\(outageAnswers)")
        #expect(slowest < .seconds(5), "no request hung beyond the lease timeout: slowest \(slowest)")

        try await system.cluster.up()
        let recovered = ContinuousClock.now
        var after = try await system.ingest("after-outage", timeout: 15)
        while after.status != 201 && ContinuousClock.now - recovered < .seconds(60) {
            try await Task.sleep(for: .milliseconds(250))
            after = try await system.ingest("after-outage", timeout: 15)
        }
        #expect(after.status == 201, "the API recovered without a restart: \(after.body)")
        let settledBy = ContinuousClock.now + .seconds(30)
        while try await system.count("SELECT count(*) FROM purchases WHERE status = 'pending' AND \(system.ours)") > 0,
            ContinuousClock.now < settledBy
        {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(
            try await system.count("SELECT count(*) FROM purchases WHERE status = 'confirmed' AND \(system.ours)") == 2,
            "the worker reconnected and LISTENs again (the sweep is 60 s away)")
        #expect(
            try await system.count("SELECT count(*) FROM purchases WHERE \(system.ours)") == 2,
            "nothing was written during the outage")
        #expect(try await system.reconcile() == 0)
        print(
            "figures: database down 10 s -> \(outageAnswers.count) ingests answered 503 (slowest \(slowest)), recovered"
        )
    }
}
