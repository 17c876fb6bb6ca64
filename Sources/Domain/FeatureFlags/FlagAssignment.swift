public import Foundation

/// An admin's request to set a flag for one scope (the body of `PUT /feature-flags/{key}`).
public struct FlagAssignment: Equatable, Sendable {
    public let key: FeatureFlagKey
    public let enabled: Bool
    public let scope: FlagScope
    /// `nil` keeps the stored description on update.
    public let description: String?

    public init(key: FeatureFlagKey, enabled: Bool, scope: FlagScope, description: String?) {
        (self.key, self.enabled, self.scope, self.description) = (key, enabled, scope, description)
    }
}

/// Filters of the flag listing (exact matches, AND).
public struct FlagListFilter: Equatable, Sendable {
    public let key: String?
    public let scopeType: String?
    public let scopeID: UUID?

    public init(key: String?, scopeType: String?, scopeID: UUID?) {
        (self.key, self.scopeType, self.scopeID) = (key, scopeType, scopeID)
    }
}
