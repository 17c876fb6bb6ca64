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
    public var description: String { uuid.uuidString.lowercased() }
}

/// Parsing of UUID text in the forms clients send.
public enum UUIDText {
    /// Accepts `xxxxxxxx-xxxx-…` in any case, or the same 32 hex digits without hyphens.
    public static func parse(_ text: String) -> UUID? {
        if text.count == 36 { return UUID(uuidString: text) }
        guard text.count == 32, text.allSatisfy(\.isHexDigit) else { return nil }
        let chars = Array(text)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }
        return UUID(uuidString: groups.joined(separator: "-"))
    }
}
