public import Domain

/// The rate limit every worker shares toward one downstream.
public protocol DownstreamRateLimitRepository: Sendable {
    /// Reserves the next call slot, spaced `interval` after the previous reservation; returns how long to wait
    /// for it, or `nil` (nothing reserved) when that wait would exceed `maxWait`.
    func reserve(_ downstream: Downstream, interval: Duration, maxWait: Duration) async throws -> Duration?
}
