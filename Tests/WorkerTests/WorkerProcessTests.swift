import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

/// End-to-end: real `clicknback worker` processes against a real database.
@Suite(.serialized) struct WorkerProcessTests {
    func worker(_ url: String, _ sandbox: SandboxProcess, _ extra: [String: String] = [:]) throws
        -> ClickNBackProcess
    {
        try ClickNBackProcess(
            ["worker"],
            environment: [
                "DATABASE_URL": url, "CLICKNBACK_ENV": "test", "LOG_FORMAT": "json", "LOG_LEVEL": "info",
                "PURCHASE_CONFIRMATION_INTERVAL_SECONDS": "1", "WORKER_BACKOFF_CAP_SECONDS": "1",
                "WORKER_ID": "w-\(UUID().uuidString.prefix(6))", "WORKER_ADMIN_PORT": "0",
            ].merging(sandbox.workerEnvironment) { _, new in new }.merging(extra) { _, new in new })
    }

    func waitUntilQueueEmpty(_ client: PostgresClient, timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await TestData.count(client, "purchase_verifications") > 0 {
            guard ContinuousClock.now < deadline else { Issue.record("queue did not drain"); return }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    func expectSettledExactlyOnce(_ client: PostgresClient, count: Int) async throws {
        #expect(try await TestData.count(client, "purchases", where: "status = 'confirmed'") == count)
        #expect(try await TestData.count(client, "audit_logs", where: "action = 'PURCHASE_CONFIRMED'") == count)
        #expect(
            try await TestData.count(
                client,
                "(SELECT resource_id FROM audit_logs WHERE action = 'PURCHASE_CONFIRMED' GROUP BY resource_id HAVING count(*) > 1) d"
            )
                == 0)
        #expect(try await TestData.count(client, "wallet_ledger", where: "reason = 'purchase_confirmed'") == 2 * count)
        let report = try await ReconciliationService(
            unitOfWork: PostgresUnitOfWork(client: client, logger: TestDatabase.logger)
        ).run()
        #expect(report.isClean, "\(report.drifts.prefix(5))")
    }

    func confirmations(_ process: ClickNBackProcess) -> Int {
        process.logLines.filter { $0.contains(#""outcome":"confirmed""#) }.count
    }

    @Test func twoWorkersShareTheWorkAndSettleEachPurchaseOnce() async throws {
        try await TestDatabase.withFresh { (client, url) async throws in
            try await TestData.bulkPendingPurchases(client, count: 2000)
            let sandbox = try await SandboxProcess()
            defer { sandbox.process.signal(SIGTERM) }
            let started = ContinuousClock.now
            let adminPort = ClickNBackProcess.freePort()
            let first = try worker(url, sandbox, ["WORKER_MAX_IN_FLIGHT": "200", "WORKER_ADMIN_PORT": "\(adminPort)"])
            let second = try worker(url, sandbox, ["WORKER_MAX_IN_FLIGHT": "200"])
            try await waitUntilQueueEmpty(client)
            let elapsed = ContinuousClock.now - started
            try await expectSettledExactlyOnce(client, count: 2000)
            #expect(confirmations(first) > 0 && confirmations(second) > 0)
            #expect(confirmations(first) + confirmations(second) == 2000)
            let metrics = try await ClickNBackProcess.get("http://127.0.0.1:\(adminPort)/metrics")
            #expect(metrics.status == 200)
            #expect(
                metrics.body.contains(
                    #"clicknback_worker_attempts_total{job="purchase_confirmation",outcome="confirmed"} \#(confirmations(first))"#
                ),
                "\(metrics.body.prefix(2000))")
            #expect(metrics.body.contains("clicknback_ingest_to_settle_seconds"))
            #expect(try await ClickNBackProcess.get("http://127.0.0.1:\(adminPort)/health/ready").status == 200)
            print(
                "figures: 2 workers x 2000 purchases -> settled once each in \(elapsed) (\(confirmations(first)) + \(confirmations(second)))"
            )
            first.signal(SIGTERM)
            second.signal(SIGTERM)
            #expect(try await first.waitForExit(timeout: .seconds(15)) == 0)
            #expect(try await second.waitForExit(timeout: .seconds(15)) == 0)
        }
    }

    @Test func killNineEveryTwoSecondsDuringABacklogLosesNothingAndSettlesNothingTwice() async throws {
        try await TestDatabase.withFresh { (client, url) async throws in
            try await TestData.bulkPendingPurchases(client, count: 5000)
            let sandbox = try await SandboxProcess(["SANDBOX_BANK_LATENCY_MS": "20"])
            defer { sandbox.process.signal(SIGTERM) }
            let settings = ["WORKER_MAX_IN_FLIGHT": "100", "WORKER_LEASE_SECONDS": "3"]
            var workers = [try worker(url, sandbox, settings), try worker(url, sandbox, settings)]
            var kills = 0
            let deadline = ContinuousClock.now + .seconds(180)
            while try await TestData.count(client, "purchase_verifications") > 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .seconds(2))
                let victim = workers.removeFirst()
                victim.signal(SIGKILL)
                _ = try await victim.waitForExit(timeout: .seconds(30))
                kills += 1
                workers.append(try worker(url, sandbox, settings))
            }
            for survivor in workers {
                // SIGTERM before the signal handlers are installed would kill it with the default action.
                for _ in 0..<200 where !survivor.logLines.contains(where: { $0.contains(#""msg":"job started""#) }) {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            try await waitUntilQueueEmpty(client)
            try await expectSettledExactlyOnce(client, count: 5000)
            #expect(kills >= 2, "the backlog outlived several kills")
            print("figures: 2 workers, kill -9 every 2 s (\(kills) kills), 5000 purchases -> settled exactly once")
            for survivor in workers { survivor.signal(SIGTERM) }
            for survivor in workers {
                let status = try await survivor.waitForExit(timeout: .seconds(15))
                #expect(status == 0, "\(String(describing: status)): \(survivor.logLines.suffix(5))")
            }
        }
    }

    @Test func notificationsSettleWithoutWaitingForTheSweep() async throws {
        try await TestDatabase.withFresh { (client, url) async throws in
            let sandbox = try await SandboxProcess()
            defer { sandbox.process.signal(SIGTERM) }
            let process = try worker(url, sandbox, ["PURCHASE_CONFIRMATION_INTERVAL_SECONDS": "600"])
            let database = PostgresUnitOfWork(client: client, logger: TestDatabase.logger)
            let fixture = try await MoneyFixtureForWorker.make(database: database, client: client)
            for _ in 0..<50 where !process.logLines.contains(where: { $0.contains(#""msg":"listening""#) }) {
                try await Task.sleep(for: .milliseconds(50))
            }
            for index in 0..<200 {
                _ = try await fixture.service.ingest(fixture.submission("n-\(index)"), by: .user(fixture.user.id))
                try await Task.sleep(for: .milliseconds(10))
            }
            try await waitUntilQueueEmpty(client, timeout: .seconds(30))
            let rows = try await client.query(
                """
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM settled_at - created_at)),
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM settled_at - created_at)),
                       max(extract(epoch FROM settled_at - created_at))::float8
                FROM purchases
                """, logger: TestDatabase.logger)
            for try await (p50, p99, max) in rows.decode((Double, Double, Double).self) {
                print(
                    String(
                        format: "figures: ingest->confirmed latency at ~100/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                        p50 * 1000, p99 * 1000, max * 1000))
                #expect(max < 60, "a purchase waited for the 600 s sweep")
            }
            process.signal(SIGTERM)
            #expect(try await process.waitForExit(timeout: .seconds(15)) == 0)
        }
    }

    @Test func theJobFlagPausesAndResumesClaiming() async throws {
        try await TestDatabase.withFresh { (client, url) async throws in
            let database = PostgresUnitOfWork(client: client, logger: TestDatabase.logger)
            let flags = FeatureFlagService(unitOfWork: database, clock: SystemClock())
            let pause = FlagAssignment(key: .purchaseConfirmationJob, enabled: false, scope: .global, description: nil)
            _ = try await flags.set(pause, by: .random())
            try await TestData.bulkPendingPurchases(client, count: 10)
            let sandbox = try await SandboxProcess()
            defer { sandbox.process.signal(SIGTERM) }
            let process = try worker(url, sandbox)
            // The window in which nothing may be claimed opens once the job runs, however long the start took.
            let started = ContinuousClock.now + .seconds(60)
            while !process.logLines.contains(where: {
                $0.contains("job started") && $0.contains("purchase_confirmation")
            }),
                ContinuousClock.now < started
            {
                try await Task.sleep(for: .milliseconds(50))
            }
            try await Task.sleep(for: .milliseconds(2500))
            #expect(try await TestData.count(client, "purchases", where: "status = 'pending'") == 10)
            let resume = FlagAssignment(key: .purchaseConfirmationJob, enabled: true, scope: .global, description: nil)
            _ = try await flags.set(resume, by: .random())
            try await waitUntilQueueEmpty(client, timeout: .seconds(20))
            try await expectSettledExactlyOnce(client, count: 10)
            process.signal(SIGINT)
            #expect(try await process.waitForExit(timeout: .seconds(15)) == 0)
        }
    }

    @Test func sigtermDrainsRunningAttemptsAndGivesWaitingItemsBack() async throws {
        try await TestDatabase.withFresh { (client, url) async throws in
            try await TestData.bulkPendingPurchases(client, count: 20)
            let sandbox = try await SandboxProcess(["SANDBOX_BANK_LATENCY_MS": "800"])
            defer { sandbox.process.signal(SIGTERM) }
            let process = try worker(
                url, sandbox, ["WORKER_MAX_IN_FLIGHT": "5", "WORKER_GRACE_PERIOD_SECONDS": "10"])
            for _ in 0..<100
            where try await TestData.count(client, "purchase_verifications", where: "lease_owner IS NOT NULL") == 0 {
                try await Task.sleep(for: .milliseconds(20))
            }
            let signalled = ContinuousClock.now
            process.signal(SIGTERM)
            #expect(try await process.waitForExit(timeout: .seconds(12)) == 0)
            let drainTime = ContinuousClock.now - signalled
            #expect(try await TestData.count(client, "purchase_verifications", where: "lease_owner IS NOT NULL") == 0)
            let confirmed = try await TestData.count(client, "purchases", where: "status = 'confirmed'")
            #expect(confirmed >= 1 && confirmed <= 20)
            let report = try await ReconciliationService(
                unitOfWork: PostgresUnitOfWork(client: client, logger: TestDatabase.logger)
            ).run()
            #expect(report.isClean)
            print("figures: SIGTERM with 5 in flight -> exit 0 after \(drainTime), \(confirmed) settled, no lease left")
        }
    }
}

/// A user and a merchant with an offer, for ingesting through the real service.
struct MoneyFixtureForWorker: Sendable {
    let service: PurchaseService
    let user: User
    let merchantID: MerchantID

    static func make(database: PostgresUnitOfWork, client: PostgresClient) async throws -> MoneyFixtureForWorker {
        let userID = try await TestData.insertUser(client)
        let merchant = try await TestData.insertMerchant(client)
        try await client.query(
            """
            INSERT INTO offers (id, merchant_id, percentage, start_date, end_date, monthly_cap_per_user)
            VALUES (gen_random_uuid(), \(merchant), 5, '2020-01-01', '2099-12-31', 100000)
            """, logger: TestDatabase.logger)
        let user = try #require(try await database.withConnection { try await $0.users.find(id: UserID(userID)) })
        return MoneyFixtureForWorker(
            service: PurchaseService(unitOfWork: database, clock: SystemClock()), user: user,
            merchantID: MerchantID(merchant))
    }

    func submission(_ externalID: String) -> PurchaseSubmission {
        PurchaseSubmission(
            externalID: externalID, userID: user.id, merchantID: merchantID, amount: Money(minorUnits: 10_000),
            currency: "EUR")
    }
}
