import Application
import Composition
import Foundation
import Testing

@Suite struct ReconcileMetricsFileTests {
    @Test func writesTheLastRunForTheTextfileCollector() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-\(UUID()).prom").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = ReconciliationReport(
            walletsChecked: 3, purchasesChecked: 7, payoutsChecked: 1,
            drifts: [Drift(rule: "wallet_matches_ledger", subject: "u", detail: "1.00 != 2.00")])
        try ReconcileMetricsFile.write(report, to: path, at: Date(timeIntervalSince1970: 1_700_000_000))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.contains("clicknback_reconcile_success 1"))
        #expect(lines.contains("clicknback_reconcile_drifts 1"))
        #expect(lines.contains(#"clicknback_reconcile_checked{kind="purchases"} 7"#))
        #expect(lines.contains("clicknback_reconcile_last_run_timestamp_seconds 1700000000"))
        try ReconcileMetricsFile.write(nil, to: path)
        let failed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            failed.contains("clicknback_reconcile_success 0\n")
                && !FileManager.default.fileExists(atPath: path + ".tmp"))
    }
}
