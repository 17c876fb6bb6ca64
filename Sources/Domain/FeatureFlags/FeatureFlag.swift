public import Foundation

/// A runtime switch for one scope: the whole platform, one merchant or one user.
public struct FeatureFlag: Equatable, Sendable {
    public let id: UUID
    public let key: FeatureFlagKey
    public let enabled: Bool
    public let scope: FlagScope
    public let description: String?
    public let createdAt: Date
    public let updatedAt: Date

    public init(
        id: UUID, key: FeatureFlagKey, enabled: Bool, scope: FlagScope, description: String?, createdAt: Date,
        updatedAt: Date
    ) {
        (self.id, self.key, self.enabled, self.scope, self.description, self.createdAt, self.updatedAt) = (
            id, key, enabled, scope, description, createdAt, updatedAt
        )
    }
}

/// The kinds of scope a flag can be stored for.
public enum FlagScopeType: String, Sendable, CaseIterable {
    case global
    case merchant
    case user
}

/// Where a flag applies. The type is free text because evaluation and listing accept any value; only storage is
/// restricted to `FlagScopeType` (rule R-FLAG-SCOPES, docs/rules.md).
public struct FlagScope: Hashable, Sendable {
    public let type: String
    public let id: UUID?

    public init(type: String, id: UUID?) {
        (self.type, self.id) = (type, id)
    }

    /// The platform-wide scope.
    public static let global = FlagScope(type: FlagScopeType.global.rawValue, id: nil)

    public var isGlobal: Bool { type == FlagScopeType.global.rawValue }

    /// A non-global scope needs an id; the spec answers `FEATURE_FLAG_SCOPE_ID_REQUIRED` otherwise.
    public func requireID() throws(FeatureFlagError) {
        if !isGlobal && id == nil { throw .scopeIDRequired(scopeType: type) }
    }
}
