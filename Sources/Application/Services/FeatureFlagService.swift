public import Domain
import Foundation

/// Runtime switches: admins set, evaluate, list and delete them.
public struct FeatureFlagService: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock

    public init(unitOfWork: any UnitOfWork, clock: any WallClock) {
        (self.unitOfWork, self.clock) = (unitOfWork, clock)
    }

    /// Creates or updates the record of one scope.
    public func set(_ assignment: FlagAssignment, by admin: UserID) async throws -> FeatureFlag {
        try assignment.scope.requireID()
        let now = clock.now()
        return try await unitOfWork.transaction { repositories in
            let flag = try await repositories.featureFlags.upsert(assignment, at: now)
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: now, actor: .admin(admin), action: .featureFlagSet, resourceType: "feature_flag",
                    resourceID: flag.id.uuidString.lowercased(),
                    details: Self.auditDetails(key: flag.key.value, scope: flag.scope, enabled: flag.enabled)))
            return flag
        }
    }

    /// Resolves a flag for a scope: scoped record → global record → enabled.
    public func evaluate(key: String, scope: FlagScope) async throws -> Bool {
        try scope.requireID()
        return try await unitOfWork.withConnection { repositories in
            let scoped = scope.isGlobal ? nil : try await repositories.featureFlags.find(key: key, scope: scope)
            let global = try await repositories.featureFlags.find(key: key, scope: .global)
            return FlagResolution.resolve(scoped: scoped, global: global)
        }
    }

    /// Lists records, newest first.
    public func list(filter: FlagListFilter, page: PageRequest) async throws -> Page<FeatureFlag> {
        try await unitOfWork.withConnection { try await $0.featureFlags.list(filter: filter, page: page) }
    }

    /// Deletes exactly one scope's record, so resolution falls back to the next level.
    public func delete(key: String, scope: FlagScope, by admin: UserID) async throws {
        try scope.requireID()
        if scope.isGlobal && scope.id != nil { throw FeatureFlagError.scopeIDNotAllowed }
        let now = clock.now()
        try await unitOfWork.transaction { repositories in
            guard try await repositories.featureFlags.delete(key: key, scope: scope) else {
                throw FeatureFlagError.notFound(key: key, scope: scope)
            }
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: now, actor: .admin(admin), action: .featureFlagDeleted, resourceType: "feature_flag",
                    resourceID: key, details: Self.auditDetails(key: key, scope: scope, enabled: nil)))
        }
    }

    private static func auditDetails(key: String, scope: FlagScope, enabled: Bool?) -> [String: String] {
        var details = ["key": key, "scope_type": scope.type]
        if let id = scope.id { details["scope_id"] = id.uuidString.lowercased() }
        if let enabled { details["enabled"] = String(enabled) }
        return details
    }
}
