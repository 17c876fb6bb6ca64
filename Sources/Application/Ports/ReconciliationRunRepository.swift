/// Where reconcile results are kept for the operations console.
public protocol ReconciliationRunRepository: Sendable {
    /// Appends a run's result (its first `ReconciliationRun.driftsKept` drifts) and forgets runs older than the
    /// newest `ReconciliationRun.runsKept`.
    func record(_ report: ReconciliationReport) async throws
    /// The newest run, or `nil` when reconcile never recorded one.
    func latest() async throws -> ReconciliationRun?
}
