public import Application
import Domain

/// The per-partner ingestion limit (`PARTNER_RATE_LIMIT_*`), counted over every API instance through the
/// database rather than per process as users' limits are (ADR 038): a second instance does not double it.
public struct PartnerRateLimiter: Sendable {
    let partners: PartnerService
    let policy: RateLimiter.Policy

    public init(partners: PartnerService, policy: RateLimiter.Policy) {
        (self.partners, self.policy) = (partners, policy)
    }

    /// `nil` when the partner's request may go on, otherwise the seconds to wait before retrying.
    func retryAfter(for partner: PartnerID) async throws -> Double? {
        guard policy.enabled else { return nil }
        return try await partners.takeRequest(for: partner, perSecond: policy.ratePerSecond, burst: policy.burst)?
            .seconds
    }
}
