public import Foundation

/// What an operator searches the queues by (the console's Items page): an id — of the purchase or payout itself,
/// or of the user it belongs to — or a purchase's `external_id` as the partner sent it.
public enum JobSearch: Equatable, Sendable {
    case id(UUID)
    case externalID(String)

    /// A UUID is an id; anything else is an external id (at most 255 characters, the column's bound).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 255 else { return nil }
        self = UUID(uuidString: trimmed).map(Self.id) ?? .externalID(trimmed)
    }
}
