import Foundation
import TestSupport
import Testing

/// The worker against a misbehaving bank over HTTP (ADR 020): an outage delays confirmations, never decides
/// them; a hanging bank costs each call its deadline, never a lease.
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

    @Test func aBankOutageLongerThanTheRetryHorizonRejectsNothing() async throws {
        try await RunningSystem.with { system in
            let worker = try await system.startWorker(Self.fastRetries)
            let sandbox = try #require(system.sandbox)
            try await sandbox.control("bank", #"{"outage": "down"}"#)
            for index in 0..<30 { #expect(try await system.ingest("outage-\(index)").status == 201) }
            // Three times the business horizon (two attempts, a second or two apart) with the bank down.
            try await Task.sleep(for: .seconds(12))
            #expect(
                try await system.count("SELECT count(*) FROM purchases WHERE status = 'rejected' AND \(system.ours)")
                    == 0)
            #expect(try await pending(system) == 30)
            let opened = ContinuousClock.now + .seconds(60)
            while !worker.logLines.contains(where: { $0.contains(#""msg":"breaker open""#) }),
                ContinuousClock.now < opened
            {
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(worker.logLines.contains { $0.contains(#""msg":"breaker open""#) }, "the breaker opened")
            try await sandbox.control("bank", #"{"outage": "none"}"#)
            let deadline = ContinuousClock.now + .seconds(60)
            while try await pending(system) > 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(
                try await system.count("SELECT count(*) FROM purchases WHERE status = 'confirmed' AND \(system.ours)")
                    == 30)
            #expect(worker.logLines.contains { $0.contains(#""msg":"breaker closed""#) }, "the breaker closed")
            #expect(
                try await system.count(
                    "SELECT count(*) FROM job_attempts WHERE outcome = 'unavailable' AND error_class = 'http_5xx'") > 0,
                "the journal kept the failed attempts")
            #expect(try await system.reconcile() == 0)
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
