/// The financial invariants, checked by queries over the whole database.
public protocol ReconciliationRepository: Sendable {
    /// Every violation found, and how many wallets and purchases were examined.
    func check() async throws -> ReconciliationReport
}
