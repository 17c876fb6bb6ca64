import Foundation
import TestSupport
import Testing

/// The worker against a misbehaving bank and rail over HTTP (ADR 020): an outage or a flood of 5xx delays
/// confirmations and payouts, never decides them; the breaker stops claiming while the bank is down; a hanging
/// bank costs each call its deadline, never a lease; workers together keep the shared rate limit.
@Suite(.serialized) struct DownstreamOutageTests {
    /// Business retries every second or two, so the business horizon is a few seconds.
    static let fastRetries = [
        "PURCHASE_CONFIRMATION_INTERVAL_SECONDS": "1", "PURCHASE_MAX_VERIFICATION_ATTEMPTS": "2",
        "WORKER_BACKOFF_CAP_SECONDS": "1", "WORKER_INFRA_BACKOFF_BASE_MS": "200",
        "WORKER_INFRA_BACKOFF_CAP_SECONDS": "1",
        "BREAKER_FAILURE_THRESHOLD": "3", "BREAKER_COOLDOWN_SECONDS": "1",
    ]

    func pending(_ system: RunningSystem) async throws -> Int {
        try await system.count("SELECT count(*) FROM purchases WHERE status = 'pending' AND \(system.ours)")
    }

    func status(_ system: RunningSystem, _ status: String) async throws -> Int {
        try await system.count("SELECT count(*) FROM purchases WHERE status = '\(status)' AND \(system.ours)")
    }

    /// Items leased by a worker now, as the admin API counts them.
    func running(_ system: RunningSystem) async throws -> Int {
        let jobs = try await HTTPCall.send("GET", "\(system.base)/api/v1/admin/jobs", token: system.adminToken)
        let first = (jobs.json["data"] as? [[String: Any]])?.first
        return (first?["counts"] as? [String: Int])?["running"] ?? -1
    }

    @Test func aStoppedBankForThreeBusinessHorizonsRejectsNothingAndHoldsNoSlot() async throws {
        try await RunningSystem.with { system in
            let metricsPort = ClickNBackProcess.freePort()
            let worker = try await system.startWorker(
                Self.fastRetries.merging(["BANK_TIMEOUT_MS": "500", "WORKER_ADMIN_PORT": "\(metricsPort)"]) {
                    _, new in new
                })
            let sandbox = try #require(system.sandbox)
            sandbox.process.signal(SIGSTOP)
            try await system.ingestMany("stopped", count: 300)
            // Three times the business horizon (two attempts, a second or two apart) with the bank stopped: its
            // socket accepts, nothing answers, every call ends at its deadline.
            let outageEnds = ContinuousClock.now + .seconds(12)
            var runningWhileOpen: [Int] = []
            while ContinuousClock.now < outageEnds {
                try await Task.sleep(for: .milliseconds(300))
                if worker.logLines.contains(where: { $0.contains(#""msg":"breaker open""#) }) {
                    runningWhileOpen.append(try await running(system))
                }
            }
            #expect(!runningWhileOpen.isEmpty, "the breaker opened during the outage")
            #expect(runningWhileOpen.allSatisfy { $0 <= 2 }, "only probes hold a slot: \(runningWhileOpen)")
            #expect(try await status(system, "rejected") == 0)
            #expect(try await pending(system) == 300)
            sandbox.process.signal(SIGCONT)
            let left = try await system.waitUntil(
                "SELECT count(*) FROM purchases WHERE status = 'pending' AND \(system.ours)", is: 0)
            #expect(left == 0, "all confirmed soon after the bank came back")
            #expect(try await status(system, "confirmed") == 300)
            #expect(try await status(system, "rejected") == 0)
            let closed = ContinuousClock.now + .seconds(30)
            while !worker.logLines.contains(where: { $0.contains(#""msg":"breaker closed""#) }),
                ContinuousClock.now < closed
            {
                try await Task.sleep(for: .milliseconds(200))
            }
            let metrics = try await ClickNBackProcess.get("http://127.0.0.1:\(metricsPort)/metrics").body
            #expect(metrics.contains(#"clicknback_worker_breaker_transitions_total{downstream="bank",to="open"}"#))
            #expect(metrics.contains(#"clicknback_worker_breaker_transitions_total{downstream="bank",to="closed"}"#))
            #expect(metrics.contains(#"clicknback_worker_breaker_state{downstream="bank"} 0"#), "closed again")
            #expect(
                try await system.count(
                    "SELECT count(*) FROM job_attempts WHERE outcome = 'unavailable' AND error_class = 'timeout'") > 0,
                "the journal kept the timed-out attempts")
            #expect(try await system.reconcile() == 0)
            print(
                "figures: bank stopped 12 s with 300 purchases: 0 rejected; running items while open \(runningWhileOpen.max() ?? -1) at most"
            )
        }
    }

    @Test func halfTheCallsFailingForAMinuteRejectsNothingAndFailsNothing() async throws {
        try await RunningSystem.with { system in
            try await system.startWorker(Self.fastRetries)
            let sandbox = try #require(system.sandbox)
            try await system.ingestMany("funding", count: 4, amount: "10000.00")
            #expect(
                try await system.waitUntil(
                    "SELECT count(*) FROM purchases WHERE status = 'confirmed' AND \(system.ours)", is: 4) == 4)
            for service in ["bank", "rail"] { try await sandbox.control(service, #"{"error_rate": 0.5}"#) }
            var payouts: [String] = []
            var purchases = 0
            let minuteEnds = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < minuteEnds {
                for _ in 0..<2 {
                    #expect(try await system.ingest("flaky-\(purchases)").status == 201)
                    purchases += 1
                }
                payouts.append(try await system.processingPayout())
                try await Task.sleep(for: .seconds(1))
            }
            for service in ["bank", "rail"] { try await sandbox.control(service, #"{"error_rate": 0}"#) }
            #expect(
                try await system.waitUntil(
                    "SELECT count(*) FROM purchases WHERE status = 'pending' AND \(system.ours)", is: 0) == 0)
            #expect(try await system.waitUntil("SELECT count(*) FROM payout_settlements", is: 0) == 0)
            #expect(try await status(system, "rejected") == 0, "a 5xx never rejects")
            #expect(try await status(system, "confirmed") == 4 + purchases)
            let ids = payouts.map { "'\($0)'" }.joined(separator: ",")
            #expect(
                try await system.count("SELECT count(*) FROM payouts WHERE id IN (\(ids)) AND status = 'failed'") == 0)
            #expect(
                try await system.count("SELECT count(*) FROM payouts WHERE id IN (\(ids)) AND status = 'completed'")
                    == payouts.count)
            let errors = try await system.count("SELECT count(*) FROM job_attempts WHERE error_class = 'http_5xx'")
            #expect(errors > 0, "the sandbox really failed calls")
            #expect(try await sandbox.payments().count == payouts.count, "each payout paid once")
            #expect(try await system.reconcile() == 0)
            print(
                "figures: a minute of 50 % 5xx: \(purchases) purchases and \(payouts.count) payouts, \(errors) failed calls, 0 rejected, 0 failed"
            )
        }
    }

    @Test func theRejectionMerchantsPurchasesAreStillRejectedAfterTheBusinessAttempts() async throws {
        try await RunningSystem.with { system in
            let worker = try await system.startWorker(Self.fastRetries)
            let answer = try await HTTPCall.send(
                "POST", "\(system.base)/api/v1/purchases/", token: system.userToken,
                json: """
                    {"external_id": "no-movement-1", "user_id": "\(system.userID)",
                     "merchant_id": "\(SandboxProcess.rejectionMerchantID)", "amount": "40.00", "currency": "EUR"}
                    """)
            #expect(answer.status == 201, "\(answer.body)")
            #expect(try await system.ingest("normal-1").status == 201)
            let rejected = "SELECT count(*) FROM purchases WHERE external_id = 'no-movement-1' AND status = 'rejected'"
            #expect(try await system.waitUntil(rejected, is: 1) == 1, "rejected once its business attempts ran out")
            #expect(
                try await system.waitUntil(
                    "SELECT count(*) FROM purchases WHERE external_id = 'normal-1' AND status = 'confirmed'", is: 1)
                    == 1)
            // The journal is written about a second after each attempt.
            let retries = """
                SELECT count(*) FROM job_attempts j JOIN purchases p ON p.id = j.item_id
                WHERE p.external_id = 'no-movement-1' AND j.outcome = 'retry' AND j.error_class = 'business'
                """
            let journaled = ContinuousClock.now + .seconds(30)
            while try await system.count(retries) == 0, ContinuousClock.now < journaled {
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(try await system.count(retries) >= 1, "the bank's 'not yet' answers were business retries")
            #expect(worker.logLines.contains { $0.contains(#""outcome":"rejected""#) })
            #expect(try await system.reconcile() == 0)
        }
    }

    @Test func twoWorkersTogetherStayUnderTheSharedRateLimit() async throws {
        // The sandbox counts calls as it handles them: alone on the machine, so that it measures the workers'
        // pacing rather than its own scheduling.
        try await RunningSystem.with(alone: true) { system in
            try await system.ingestMany("limited", count: 400)
            let limited = ["BANK_RATE_LIMIT": "50", "WORKER_MAX_IN_FLIGHT": "100"]
            try await system.startWorker(limited)
            try await system.startWorker(limited)
            let sandbox = try #require(system.sandbox)
            #expect(
                try await system.waitUntil(
                    "SELECT count(*) FROM purchases WHERE status = 'pending' AND \(system.ours)", is: 0) == 0)
            let stats = try await sandbox.stats("bank")
            #expect(stats.calls >= 400)
            #expect(stats.peak <= 55, "at most 50 calls in any second, +10 %: \(stats.peak)")
            #expect(
                system.workers.allSatisfy { worker in
                    worker.logLines.contains { $0.contains(#""outcome":"confirmed""#) }
                }, "both workers called the bank")
            print("figures: 2 workers, BANK_RATE_LIMIT=50: \(stats.calls) calls, busiest second \(stats.peak)")
        }
    }

    @Test func aHangingBankCostsEachCallItsDeadlineAndNoLease() async throws {
        try await RunningSystem.with { system in
            let worker = try await system.startWorker(
                Self.fastRetries.merging(["WORKER_LEASE_SECONDS": "3", "BANK_TIMEOUT_MS": "500"]) { _, new in new })
            let sandbox = try #require(system.sandbox)
            try await sandbox.control("bank", #"{"outage": "hang"}"#)
            for index in 0..<10 { #expect(try await system.ingest("hang-\(index)").status == 201) }
            let timeouts = "SELECT count(*) FROM job_attempts WHERE outcome = 'unavailable' AND error_class = 'timeout'"
            let seen = ContinuousClock.now + .seconds(60)
            while try await system.count(timeouts) < 10, ContinuousClock.now < seen {
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(try await pending(system) == 10)
            #expect(try await system.count(timeouts) >= 10, "every call ended at its deadline")
            #expect(
                try await system.count("SELECT count(*) FROM job_attempts WHERE outcome = 'crashed'") == 0,
                "no lease expired while the worker was alive")
            try await sandbox.control("bank", #"{"outage": "none"}"#)
            let deadline = ContinuousClock.now + .seconds(60)
            while try await pending(system) > 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(try await pending(system) == 0)
            #expect(!worker.logLines.contains { $0.contains(#""outcome":"rejected""#) })
        }
    }
}
