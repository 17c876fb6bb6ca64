import Foundation
import TestSupport
import Testing

/// Payouts settle against the rail while the worker is killed every two seconds (ADR 020): each payout's
/// idempotency key is stored before its first call and reused by every retry and takeover, so the rail pays each
/// payout once however many times it hears about it, and each payout ends `completed` or `failed` exactly once.
@Suite(.serialized) struct PayoutCrashTests {
    static let settings = [
        "WORKER_LEASE_SECONDS": "3", "RAIL_TIMEOUT_MS": "800", "BANK_TIMEOUT_MS": "800",
        "WORKER_INFRA_BACKOFF_BASE_MS": "200", "WORKER_INFRA_BACKOFF_CAP_SECONDS": "1",
        "WORKER_MAX_INTERRUPTIONS": "1000",
    ]

    @Test func killNineWhilePayoutsSettlePaysEachPayoutOnce() async throws {
        try await RunningSystem.with { system in
            var worker = try await system.startWorker(Self.settings)
            let sandbox = try #require(system.sandbox)
            try await system.ingestMany("funds", count: 8, amount: "10000.00")
            let confirmed = "SELECT count(*) FROM purchases WHERE status = 'confirmed' AND \(system.ours)"
            #expect(try await system.waitUntil(confirmed, is: 8) == 8)
            // Queue all 300 before the first call: the flag holds the job while they are requested.
            try await system.setFlag("payout_settlement_job", enabled: false)
            var ids: [String] = []
            for _ in 0..<300 { ids.append(try await system.processingPayout()) }
            try await sandbox.control("rail", #"{"latency_ms": 150, "refusal_rate": 0.1}"#)
            try await system.setFlag("payout_settlement_job", enabled: true)

            var kills = 0
            let deadline = ContinuousClock.now + .seconds(240)
            while try await system.count("SELECT count(*) FROM payout_settlements") > 0, ContinuousClock.now < deadline
            {
                try await Task.sleep(for: .seconds(2))
                worker.signal(SIGKILL)
                _ = try await worker.waitForExit(timeout: .seconds(10))
                kills += 1
                worker = try await system.startWorker(Self.settings)
            }
            #expect(try await system.count("SELECT count(*) FROM payout_settlements") == 0, "every payout settled")
            #expect(kills >= 3, "the settlement outlived several kills")

            let payments = try await sandbox.payments()
            let paidIDs = payments.compactMap { $0["payout_id"] as? String }
            #expect(payments.count == 300, "one entry per payout")
            #expect(Set(paidIDs) == Set(ids), "the rail heard of exactly our payouts")
            #expect(
                payments.allSatisfy { ($0["times_received"] as? Int ?? 0) >= 1 && $0["amount"] as? String == "10.00" })
            let repeated = payments.filter { ($0["times_received"] as? Int ?? 0) > 1 }.count

            let list = ids.map { "'\($0)'" }.joined(separator: ",")
            let completed = try await system.count(
                "SELECT count(*) FROM payouts WHERE id IN (\(list)) AND status = 'completed'")
            let failed = try await system.count(
                "SELECT count(*) FROM payouts WHERE id IN (\(list)) AND status = 'failed'")
            #expect(completed + failed == 300)
            let refused = payments.filter { $0["status"] as? String == "refused" }.count
            #expect(failed == refused, "a payout failed exactly when the rail refused it")
            #expect(
                try await system.count(
                    """
                    SELECT count(*) FROM (
                        SELECT reference_id FROM wallet_ledger
                        WHERE reason IN ('payout_completed', 'payout_failed') AND reference_id IN (\(list))
                        GROUP BY reference_id HAVING count(*) = 1) once
                    """) == 300,
                "each payout settled exactly once in the ledger")
            #expect(try await system.reconcile() == 0)
            print(
                "figures: 300 payouts, kill -9 every 2 s (\(kills) kills): \(completed) completed + \(failed) failed, "
                    + "\(repeated) heard more than once by the rail, each paid once")
        }
    }
}
