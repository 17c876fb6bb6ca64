public import Domain
public import Foundation

/// Stores feature flags, one record per `(key, scope type, scope id)`.
public protocol FeatureFlagRepository: Sendable {
    /// Inserts or updates the record of the assignment's scope (atomic upsert).
    func upsert(_ assignment: FlagAssignment, at instant: Date) async throws -> FeatureFlag
    func find(key: String, scope: FlagScope) async throws -> FeatureFlag?
    func list(filter: FlagListFilter, page: PageRequest) async throws -> Page<FeatureFlag>
    /// Deletes exactly one scope's record; `false` when there was none.
    func delete(key: String, scope: FlagScope) async throws -> Bool
}
