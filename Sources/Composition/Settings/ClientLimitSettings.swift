public import HTTPAPI

/// Limits per client address and on password hashing, against login and sign-up floods (ADR 018):
/// `LOGIN_CLIENT_RATE_LIMIT_BURST` (failed logins from one client address before 429, default 30) and
/// `LOGIN_CLIENT_RATE_LIMIT_PER_MINUTE` (failures forgiven per minute, default 30), both switched with
/// `LOGIN_RATE_LIMIT_ENABLED`; `REGISTRATION_RATE_LIMIT_ENABLED` (default true), `REGISTRATION_RATE_LIMIT_BURST`
/// (sign-ups from one client address before 429, default 10) and `REGISTRATION_RATE_LIMIT_PER_HOUR` (default 20);
/// `PASSWORD_HASH_CONCURRENCY` (bcrypt runs at once, default one per core) and `PASSWORD_HASH_QUEUE` (waiting
/// behind them before 503, default two per core).
public struct ClientLimitSettings: Sendable {
    public let loginPerClient: RateLimiter.Policy
    public let registrationPerClient: RateLimiter.Policy
    public let passwordHashConcurrency: Int
    public let passwordHashQueue: Int

    init(_ read: SettingsReader, loginEnabled: Bool, cores: Int) throws {
        self.loginPerClient = RateLimiter.Policy(
            enabled: loginEnabled,
            burst: try read.int("LOGIN_CLIENT_RATE_LIMIT_BURST", default: 30, range: 1...100_000),
            ratePerSecond: Double(try read.int("LOGIN_CLIENT_RATE_LIMIT_PER_MINUTE", default: 30, range: 1...1_000_000))
                / 60)
        self.registrationPerClient = RateLimiter.Policy(
            enabled: try read.bool("REGISTRATION_RATE_LIMIT_ENABLED", default: true),
            burst: try read.int("REGISTRATION_RATE_LIMIT_BURST", default: 10, range: 1...100_000),
            ratePerSecond: Double(try read.int("REGISTRATION_RATE_LIMIT_PER_HOUR", default: 20, range: 1...1_000_000))
                / 3600)
        self.passwordHashConcurrency = try read.int("PASSWORD_HASH_CONCURRENCY", default: cores, range: 1...1024)
        self.passwordHashQueue = try read.int("PASSWORD_HASH_QUEUE", default: 2 * cores, range: 0...100_000)
    }
}
