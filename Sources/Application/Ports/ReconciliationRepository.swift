public import Domain
public import Foundation

/// The financial invariants, checked by queries over the whole database.
public protocol ReconciliationRepository: Sendable {
    /// Every violation found, and how many wallets and purchases were examined.
    func check() async throws -> ReconciliationReport
}

/// Where reconcile results are kept for the operations console.
public protocol ReconciliationRunRepository: Sendable {
    /// Appends a run's result (its first `ReconciliationRun.driftsKept` drifts) and forgets runs older than the
    /// newest `ReconciliationRun.runsKept`.
    func record(_ report: ReconciliationReport) async throws
    /// The newest run, or `nil` when reconcile never recorded one.
    func latest() async throws -> ReconciliationRun?
}
