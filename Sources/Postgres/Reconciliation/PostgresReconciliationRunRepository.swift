import Application
import Foundation
import PostgresNIO

/// `reconcile_runs`: each reconcile's result, kept so that the console can show the latest one.
struct PostgresReconciliationRunRepository: ReconciliationRunRepository {
    let connection: PostgresConnection
    let logger: Logger

    func record(_ report: ReconciliationReport) async throws {
        let kept = report.drifts.prefix(ReconciliationRun.driftsKept)
        try await connection.query(
            """
            WITH run AS (
                INSERT INTO reconcile_runs (wallets_checked, purchases_checked, payouts_checked, drift_count, drifts)
                SELECT \(report.walletsChecked), \(report.purchasesChecked), \(report.payoutsChecked),
                       \(report.drifts.count),
                       coalesce(jsonb_agg(jsonb_build_object('rule', r, 'subject', s, 'detail', d) ORDER BY o), '[]')
                FROM unnest(\(kept.map(\.rule))::text[], \(kept.map(\.subject))::text[],
                            \(kept.map(\.detail))::text[]) WITH ORDINALITY AS t (r, s, d, o)
                RETURNING id)
            DELETE FROM reconcile_runs WHERE id <= (SELECT id FROM run) - \(ReconciliationRun.runsKept)
            """, logger: logger)
    }

    func latest() async throws -> ReconciliationRun? {
        let rows = try await connection.query(
            """
            SELECT id, finished_at, wallets_checked, purchases_checked, payouts_checked, drift_count
            FROM reconcile_runs ORDER BY id DESC LIMIT 1
            """, logger: logger)
        for try await (id, finishedAt, wallets, purchases, payouts, driftCount)
            in rows.decode((Int64, Date, Int, Int, Int, Int).self)
        {
            var drifts: [Drift] = []
            let driftRows = try await connection.query(
                """
                SELECT d ->> 'rule', d ->> 'subject', d ->> 'detail'
                FROM reconcile_runs, jsonb_array_elements(drifts) WITH ORDINALITY AS e (d, o)
                WHERE id = \(id) ORDER BY o
                """, logger: logger)
            for try await (rule, subject, detail) in driftRows.decode((String, String, String).self) {
                drifts.append(Drift(rule: rule, subject: subject, detail: detail))
            }
            return ReconciliationRun(
                finishedAt: finishedAt,
                report: ReconciliationReport(
                    walletsChecked: wallets, purchasesChecked: purchases, payoutsChecked: payouts, drifts: drifts),
                driftCount: driftCount)
        }
        return nil
    }
}
