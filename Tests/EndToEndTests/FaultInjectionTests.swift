import Foundation
import TestSupport
import Testing

/// Faults against real processes and a real PostgreSQL: after each, reconcile is clean and every purchase
/// exists once and is settled once.
@Suite(.serialized) struct FaultInjectionTests {
    @Test func aDatabaseOutageAnswers503QuicklyAndEverythingRecoversByItself() async throws {
        try await RunningSystem.with { system in
            try await system.startWorker()
            #expect(try await system.ingestUntilStored("before-outage", within: .seconds(30)))

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
            #expect(
                try await system.ingestUntilStored("after-outage", within: .seconds(60)),
                "the API recovered without a restart")
            let settledBy = ContinuousClock.now + .seconds(60)
            while try await system.count("SELECT count(*) FROM purchases WHERE status = 'pending' AND \(system.ours)")
                > 0,
                ContinuousClock.now < settledBy
            {
                try await Task.sleep(for: .milliseconds(200))
            }
            let confirmed = try await system.count(
                "SELECT count(*) FROM purchases WHERE status = 'confirmed' AND \(system.ours)")
            let queue =
                confirmed == 2
                ? ""
                : try await system.cluster.scalar(
                    """
                    SELECT string_agg(concat_ws(' ', v.attempts, v.next_attempt_at, v.lease_owner, v.lease_expires_at,
                                                v.last_error), '; ')
                    FROM purchase_verifications v JOIN purchases p ON p.id = v.purchase_id WHERE p.\(system.ours)
                    """)
            #expect(
                confirmed == 2,
                """
                the worker reconnected and LISTENs again (the sweep is 60 s away); still queued (attempts, due, lease \
                owner, lease end, last error): \(queue); the worker's last lines:
                \(system.workers.first?.logLines.suffix(40).joined(separator: "\n") ?? "none")
                """)
            #expect(
                try await system.count("SELECT count(*) FROM purchases WHERE \(system.ours)") == 2,
                "nothing was written during the outage")
            #expect(try await system.reconcile() == 0)
            print(
                "figures: database down 10 s -> \(outageAnswers.count) ingests answered 503 (slowest \(slowest)), recovered"
            )
        }
    }
}

@Suite(.serialized) struct APIFaultTests {
    @Test func killNineOfTheAPIMidIngestThenClientRetriesNeverDuplicate() async throws {
        try await RunningSystem.with { system in
            let ids = (0..<40).map { "retry-\($0)-\(UUID().uuidString.prefix(8))" }
            let firstTry = Task {
                await withTaskGroup(of: Int.self) { group in
                    for id in ids { group.addTask { (try? await system.ingest(id, timeout: 10).status) ?? -1 } }
                    return await group.reduce(into: [Int]()) { $0.append($1) }
                }
            }
            try await Task.sleep(for: .milliseconds(60))
            system.api?.signal(SIGKILL)
            let interrupted = await firstTry.value
            try await system.startAPI()
            var retries: [String: Int] = [:]
            for id in ids { retries[id] = try await system.ingest(id).status }
            #expect(retries.values.allSatisfy { $0 == 201 || $0 == 409 }, "\(retries)")
            #expect(try await system.count("SELECT count(*) FROM purchases WHERE \(system.ours)") == ids.count)
            #expect(
                try await system.count(
                    "SELECT count(*) FROM (SELECT external_id FROM purchases WHERE \(system.ours) GROUP BY 1 HAVING count(*) > 1) d"
                )
                    == 0)
            #expect(try await system.reconcile() == 0)
            let created = interrupted.filter { $0 == 201 }.count
            print(
                "figures: kill -9 of the API mid-ingest (\(created) of 40 answered before it) -> retries gave 40 purchases, no duplicates"
            )
        }
    }

    @Test func anExhaustedPoolAnswers503WithinTheLeaseTimeoutNotAPileUp() async throws {
        try await RunningSystem.with { system in
            try await system.startAPI([
                "DATABASE_POOL_SIZE": "2", "DATABASE_LEASE_TIMEOUT_MS": "500", "DATABASE_STATEMENT_TIMEOUT_MS": "1500",
            ])
            async let lockHeld = system.cluster.scalar(
                "BEGIN; LOCK TABLE merchants IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(4); COMMIT;")
            // The ingests go once the lock is granted, however long psql takes to start.
            let locked = try await system.waitUntil(
                """
                SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE c.relname = 'merchants' AND l.mode = 'AccessExclusiveLock' AND l.granted
                """, is: 1, timeout: .seconds(60))
            #expect(locked == 1, "the table lock was taken")
            let started = ContinuousClock.now
            let answers = await withTaskGroup(of: (Int, Duration).self) { group in
                for index in 0..<30 {
                    group.addTask {
                        let sent = ContinuousClock.now
                        let status = (try? await system.ingest("pool-\(index)", timeout: 20).status) ?? -1
                        return (status, ContinuousClock.now - sent)
                    }
                }
                return await group.reduce(into: [(Int, Duration)]()) { $0.append($1) }
            }
            _ = try await lockHeld
            let unavailable = answers.filter { $0.0 == 503 }
            #expect(answers.allSatisfy { $0.0 == 201 || $0.0 == 503 }, "\(answers.map(\.0))")
            #expect(unavailable.count >= 20, "requests beyond the pool were turned away: \(answers.map(\.0))")
            #expect(unavailable.allSatisfy { $0.1 < .seconds(3) }, "503s came after the lease timeout, not the lock")
            #expect(
                answers.allSatisfy { $0.1 < .seconds(3) },
                "the requests stuck behind the lock were cut by the statement timeout, not the 4 s lock")
            #expect(
                try await system.count("SELECT count(*) FROM purchases WHERE \(system.ours)")
                    == answers.filter { $0.0 == 201 }.count)
            print(
                "figures: pool of 2 held by a table lock, 30 concurrent ingests -> \(unavailable.count) x 503 within \(unavailable.map(\.1).max() ?? .zero), total \(ContinuousClock.now - started)"
            )
        }
    }
}
