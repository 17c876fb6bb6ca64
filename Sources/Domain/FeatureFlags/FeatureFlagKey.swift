/// A flag name: 1–100 characters matching `^[a-z][a-z0-9_]*$`.
public struct FeatureFlagKey: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// Validates the format the API enforces when storing a flag.
    public init(validating value: String) throws(FeatureFlagError) {
        guard Self.isWellFormed(value) else { throw .invalidKey(value) }
        self.value = value
    }

    /// Wraps a key that need not be well-formed (evaluation and listing look up any string).
    public init(unchecked value: String) { self.value = value }

    public var description: String { value }

    /// Known keys the worker reads.
    public static let purchaseAutoConfirm = FeatureFlagKey(unchecked: "purchase_auto_confirm")
    public static let purchaseConfirmationJob = FeatureFlagKey(unchecked: "purchase_confirmation_job")
    public static let payoutSettlementJob = FeatureFlagKey(unchecked: "payout_settlement_job")

    private static func isWellFormed(_ value: String) -> Bool {
        let scalars = value.unicodeScalars
        guard (1...100).contains(scalars.count), let first = scalars.first, ("a"..."z").contains(first) else {
            return false
        }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
