/// A purchase ingestion decided but not yet written: the pending purchase, its audit row and its ledger
/// movements, which the repository records together in one statement or not at all.
public struct IngestionDraft: Equatable, Sendable {
    public let purchase: Purchase
    /// Whether the monthly cap reduced the cashback.
    public let capApplied: Bool
    public let audit: AuditEntry
    /// What the ingestion does to the wallet (`PurchaseTransitions.ingestion(of:)`).
    public let movements: [LedgerMovement]

    public init(purchase: Purchase, capApplied: Bool, audit: AuditEntry, movements: [LedgerMovement]) {
        (self.purchase, self.capApplied, self.audit, self.movements) = (purchase, capApplied, audit, movements)
    }
}
