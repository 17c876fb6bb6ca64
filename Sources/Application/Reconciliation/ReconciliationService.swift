/// Proves the books balance: every wallet equals its ledger, statuses agree, nothing is negative.
public struct ReconciliationService: Sendable {
    let unitOfWork: any UnitOfWork

    public init(unitOfWork: any UnitOfWork) { self.unitOfWork = unitOfWork }

    /// Runs every check in one read-only pass.
    public func run() async throws -> ReconciliationReport {
        try await unitOfWork.read { try await $0.reconciliation.check() }
    }
}
