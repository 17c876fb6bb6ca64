/// One problem with one input field, as the API reports it inside `details.violations`.
public struct Violation: Equatable, Sendable {
    /// Dotted location of the field (`amount`, `details.iban`, `body`).
    public let field: String
    /// Human-readable reason.
    public let reason: String

    public init(field: String, reason: String) {
        (self.field, self.reason) = (field, reason)
    }
}
