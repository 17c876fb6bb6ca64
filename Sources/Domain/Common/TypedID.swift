public import Foundation

/// A UUID that knows what it identifies, so a `UserID` can never be passed where a `MerchantID` is expected.
public struct TypedID<Entity>: Hashable, Sendable, CustomStringConvertible {
    /// The underlying UUID.
    public let uuid: UUID

    /// Wraps an existing UUID.
    public init(_ uuid: UUID) { self.uuid = uuid }

    /// A fresh random (version 4) identifier.
    public static func random() -> Self { Self(UUID()) }

    /// Parses the lenient forms the API accepts: any case, with or without hyphens.
    public init?(parsing text: String) {
        guard let uuid = UUIDText.parse(text) else { return nil }
        self.uuid = uuid
    }

    /// The wire form: lower-case and hyphenated.
    public var description: String { UUIDText.lowercased(uuid) }
}
