/// The limits counted per client address (ADR 018), so that one client flooding logins or sign-ups is refused
/// with 429 before any bcrypt runs, while other clients go on.
public struct ClientLimits: Sendable {
    /// How the client's address is found (peer, or `X-Forwarded-For` from trusted proxies).
    public let addresses: ClientAddressPolicy
    /// Failed logins per client address (taken before trying, given back on success).
    public let failedLogins: RateLimiter
    /// Sign-up attempts per client address.
    public let registrations: RateLimiter

    public init(addresses: ClientAddressPolicy, failedLogins: RateLimiter, registrations: RateLimiter) {
        (self.addresses, self.failedLogins, self.registrations) = (addresses, failedLogins, registrations)
    }
}
