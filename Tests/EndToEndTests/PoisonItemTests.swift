import Foundation
import TestSupport
import Testing

/// A poison item (its settlement always refused by the database) is parked after the configured number of
/// interrupted attempts, shows its history through `clicknback admin jobs show`, and settles once an operator
/// fixes the cause and redrives it with `clicknback admin jobs redrive`.
@Suite(.serialized) struct PoisonItemTests {
    func cli(_ system: RunningSystem, _ arguments: [String]) async throws -> (status: Int32?, lines: [String]) {
        let process = try ClickNBackProcess(["admin", "jobs"] + arguments, environment: system.environment)
        let status = try await process.waitForExit(timeout: .seconds(60))
        return (status, process.logLines.filter { $0.hasPrefix("{\"") && !$0.contains("\"level\"") })
    }

    @Test func aPoisonPurchaseIsParkedShownAndSettlesAfterRedrive() async throws {
        try await RunningSystem.with { system in
            _ = try await system.cluster.scalar(
                """
                CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.external_id = 'poison-1' AND NEW.status <> 'pending' THEN RAISE EXCEPTION 'poisoned'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER poison BEFORE UPDATE ON purchases FOR EACH ROW EXECUTE FUNCTION poison();
                """)
            try await system.startWorker([
                "PURCHASE_CONFIRMATION_INTERVAL_SECONDS": "1", "WORKER_MAX_INTERRUPTIONS": "3",
                "WORKER_INFRA_BACKOFF_BASE_MS": "100", "WORKER_INFRA_BACKOFF_CAP_SECONDS": "1",
            ])
            #expect(try await system.ingest("poison-1").status == 201)
            let id = try await system.cluster.scalar("SELECT id FROM purchases WHERE external_id = 'poison-1'")
            let deadline = ContinuousClock.now + .seconds(60)
            while try await system.count("SELECT count(*) FROM purchase_verifications WHERE parked_at IS NOT NULL")
                == 0,
                ContinuousClock.now < deadline
            {
                try await Task.sleep(for: .milliseconds(200))
            }
            let parked = try await cli(system, ["list", "--job", "purchase_confirmation", "--state", "parked"])
            #expect(parked.status == 0)
            #expect(parked.lines.contains { $0.contains(#""item_id":"\#(id)""#) && $0.contains(#""state":"parked""#) })
            #expect(
                parked.lines.contains { $0.contains("SQLSTATE P0001") && $0.contains("poisoned") },
                "the last error names the database's refusal: \(parked.lines)")
            // The journal is written about a second late: ask until the parking attempt is there.
            var shown = try await cli(system, ["show", "--job", "purchase_confirmation", id])
            let journaled = ContinuousClock.now + .seconds(30)
            while !shown.lines.contains(where: { $0.contains(#""outcome":"parked""#) }), ContinuousClock.now < journaled
            {
                try await Task.sleep(for: .milliseconds(500))
                shown = try await cli(system, ["show", "--job", "purchase_confirmation", id])
            }
            #expect(shown.status == 0)
            #expect(shown.lines.filter { $0.contains(#""outcome":"interrupted""#) }.count >= 2, "\(shown.lines)")
            #expect(shown.lines.contains { $0.contains(#""outcome":"parked""#) }, "\(shown.lines)")
            #expect(
                try await system.count(
                    "SELECT count(*) FROM purchases WHERE status = 'pending' AND external_id = 'poison-1'") == 1)

            _ = try await system.cluster.scalar("DROP TRIGGER poison ON purchases")
            let redriven = try await cli(
                system, ["redrive", "--job", "purchase_confirmation", id, "--note", "trigger dropped"])
            #expect(
                redriven.status == 0 && redriven.lines.first?.contains(#""state":"due""#) == true, "\(redriven.lines)")
            let settledBy = ContinuousClock.now + .seconds(60)
            while try await system.count(
                "SELECT count(*) FROM purchases WHERE status = 'confirmed' AND external_id = 'poison-1'") == 0,
                ContinuousClock.now < settledBy
            {
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(
                try await system.count(
                    "SELECT count(*) FROM purchases WHERE status = 'confirmed' AND external_id = 'poison-1'") == 1)
            #expect(try await system.count("SELECT count(*) FROM audit_logs WHERE action = 'JOB_ITEM_REDRIVEN'") == 1)
            let again = try await cli(system, ["redrive", "--job", "purchase_confirmation", id, "--note", "twice"])
            #expect(again.status != 0, "a settled item cannot be redriven")
            #expect(try await system.reconcile() == 0)
        }
    }
}
