/// Proves the books balance: every wallet equals its ledger, statuses agree, nothing is negative.
public struct ReconciliationService: Sendable {
    let unitOfWork: any UnitOfWork

    public init(unitOfWork: any UnitOfWork) { self.unitOfWork = unitOfWork }

    /// Runs every check in one read-only pass.
    public func run() async throws -> ReconciliationReport {
        try await unitOfWork.withConnection { try await $0.reconciliation.check() }
    }

    /// Keeps a run's result for the operations console's Money page.
    public func record(_ report: ReconciliationReport) async throws {
        try await unitOfWork.transaction { try await $0.reconciliationRuns.record(report) }
    }
}
