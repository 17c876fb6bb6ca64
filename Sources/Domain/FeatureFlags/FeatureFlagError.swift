/// Failures of the feature-flag use cases.
public enum FeatureFlagError: Error, Equatable, Sendable {
    /// 422 `VALIDATION_ERROR` "Invalid feature flag key.".
    case invalidKey(String)
    /// 422 `FEATURE_FLAG_SCOPE_ID_REQUIRED`.
    case scopeIDRequired(scopeType: String)
    /// 422 `VALIDATION_ERROR`: a global scope given together with a `scope_id` where that is refused.
    case scopeIDNotAllowed
    /// 404 `FEATURE_FLAG_NOT_FOUND`.
    case notFound(key: String, scope: FlagScope)
}
