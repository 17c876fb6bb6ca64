public import Application
public import Foundation

/// The result of a `clicknback reconcile` run as a Prometheus text file, for node_exporter's textfile
/// collector: a one-shot command has no port to scrape, so the timer's last result is left on disk.
/// Written to a temporary file and renamed, so a scrape never reads half a file.
public enum ReconcileMetricsFile {
    /// `report` is `nil` when the check could not run.
    public static func write(_ report: ReconciliationReport?, to path: String, at instant: Date = Date()) throws {
        let lines = [
            "# HELP clicknback_reconcile_success 1 when the last reconcile ran to the end, 0 when it could not run.",
            "# TYPE clicknback_reconcile_success gauge",
            "clicknback_reconcile_success \(report == nil ? 0 : 1)",
            "# HELP clicknback_reconcile_drifts Drifts found by the last reconcile run.",
            "# TYPE clicknback_reconcile_drifts gauge",
            "clicknback_reconcile_drifts \(report?.drifts.count ?? 0)",
            "# HELP clicknback_reconcile_checked Rows checked by the last reconcile run, by kind.",
            "# TYPE clicknback_reconcile_checked gauge",
            "clicknback_reconcile_checked{kind=\"wallets\"} \(report?.walletsChecked ?? 0)",
            "clicknback_reconcile_checked{kind=\"purchases\"} \(report?.purchasesChecked ?? 0)",
            "clicknback_reconcile_checked{kind=\"payouts\"} \(report?.payoutsChecked ?? 0)",
            "# HELP clicknback_reconcile_last_run_timestamp_seconds When the last reconcile run ended.",
            "# TYPE clicknback_reconcile_last_run_timestamp_seconds gauge",
            "clicknback_reconcile_last_run_timestamp_seconds \(Int(instant.timeIntervalSince1970))",
        ]
        let temporary = path + ".tmp"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: temporary))
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }
}
