import Foundation
public import HTTPAPI
public import Logging

/// Every setting of every subcommand, read once at start-up into typed values with documented defaults.
/// Names follow the spec's configuration table so an existing deployment's environment keeps working.
public struct Settings: Sendable {
    /// `CLICKNBACK_ENV`: `development` relaxes nothing but the secret requirement; default `production`.
    public let mode: Mode
    /// `DATABASE_URL` (required): `postgresql://user:password@host:port/database[?sslmode=require]`.
    public let databaseURL: String
    /// `DATABASE_POOL_SIZE`: connections per process, default 20.
    public let databasePoolSize: Int
    /// `DATABASE_LEASE_TIMEOUT_MS`: longest wait for a pooled connection before answering "unavailable"
    /// (API: 503), default 5000.
    public let databaseLeaseTimeout: Duration
    /// `DATABASE_STATEMENT_TIMEOUT_MS`: longest statement (lock waits included) of the API's and the worker's
    /// sessions, default 30000; 0 turns it off.
    public let databaseStatementTimeout: Duration?
    /// `HTTP_HOST` (default `127.0.0.1`) and `HTTP_PORT` (default 8080) of the API.
    public let httpHost: String
    public let httpPort: Int
    /// Connection limits, timeouts, trusted proxies and the admin listener of the API (`HTTPServerSettings`).
    public let server: HTTPServerSettings
    public let logging: LoggingSettings
    /// `BCRYPT_COST` (4–31, default 12): the spec's 12 in production; tests lower it.
    public let bcryptCost: UInt8
    public let catalog: CatalogSettings
    public let verification: VerificationSettings
    public let money: MoneySettings
    /// `LOGIN_RATE_LIMIT_ENABLED` (default true), `LOGIN_RATE_LIMIT_BURST` (failed logins per e-mail address
    /// before 429, default 5) and `LOGIN_RATE_LIMIT_PER_MINUTE` (failures forgiven per minute, default 5).
    public let loginLimit: RateLimiter.Policy
    /// Per-client login and sign-up limits and the password-hashing gate (`ClientLimitSettings`).
    public let clientLimits: ClientLimitSettings
    public let partners: PartnerSettings
    public let worker: WorkerSettings
    public let cors: CORSSettings
    public let console: ConsoleSettings
    /// `MIGRATIONS_DIR`: where `clicknback migrate` finds its SQL files, default `migrations`.
    public let migrationsDirectory: String
    private let reader: SettingsReader

    /// The token-signing settings, checked only by the processes that sign or verify tokens (so
    /// `clicknback migrate` does not need the secret).
    public func tokens() throws -> TokenSettings { try TokenSettings(reader, mode: mode) }

    /// Where the process runs; only `development` may fall back to a generated secret.
    public enum Mode: String, Sendable, CaseIterable {
        case development
        case test
        case production
    }

    /// Parses and validates everything; the first problem is reported with its variable's name.
    public init(source: SettingsSource) throws {
        let read = SettingsReader(source: source)
        self.mode = try read.choice("CLICKNBACK_ENV", default: .production)
        self.databaseURL = try read.required("DATABASE_URL")
        self.databasePoolSize = try read.int("DATABASE_POOL_SIZE", default: 20, range: 1...500)
        let statementTimeout = try read.int("DATABASE_STATEMENT_TIMEOUT_MS", default: 30_000, range: 0...3_600_000)
        self.databaseStatementTimeout = statementTimeout == 0 ? nil : .milliseconds(statementTimeout)
        self.databaseLeaseTimeout = .milliseconds(
            try read.int("DATABASE_LEASE_TIMEOUT_MS", default: 5000, range: 50...120_000))
        self.httpHost = read.string("HTTP_HOST", default: "127.0.0.1")
        self.httpPort = try read.int("HTTP_PORT", default: 8080, range: 1...65535)
        self.server = try HTTPServerSettings(read)
        self.logging = try LoggingSettings(read)
        self.bcryptCost = UInt8(try read.int("BCRYPT_COST", default: 12, range: 4...31))
        self.reader = read
        self.catalog = try CatalogSettings(read)
        self.verification = try VerificationSettings(read)
        self.money = try MoneySettings(read)
        self.partners = try PartnerSettings(read)
        self.loginLimit = RateLimiter.Policy(
            enabled: try read.bool("LOGIN_RATE_LIMIT_ENABLED", default: true),
            burst: try read.int("LOGIN_RATE_LIMIT_BURST", default: 5, range: 1...10_000),
            ratePerSecond: Double(try read.int("LOGIN_RATE_LIMIT_PER_MINUTE", default: 5, range: 1...100_000)) / 60)
        self.clientLimits = try ClientLimitSettings(
            read, loginEnabled: loginLimit.enabled, cores: ProcessInfo.processInfo.activeProcessorCount)
        self.worker = try WorkerSettings(read)
        self.cors = try CORSSettings(read)
        self.console = try ConsoleSettings(read)
        self.migrationsDirectory = read.string("MIGRATIONS_DIR", default: "migrations")
    }
}

/// `LOG_LEVEL` (`DEBUG`, `INFO`, `WARNING`, `ERROR`; default `INFO`) and `LOG_FORMAT` (`json` or `text`).
public struct LoggingSettings: Sendable {
    public let level: Logger.Level
    public let format: Format

    public enum Format: String, Sendable, CaseIterable {
        case json
        case text
    }

    init(_ read: SettingsReader) throws {
        let levels: [String: Logger.Level] = [
            "trace": .trace, "debug": .debug, "info": .info, "notice": .notice, "warning": .warning,
            "error": .error, "critical": .critical,
        ]
        let name = read.string("LOG_LEVEL", default: "INFO").lowercased()
        guard let level = levels[name] else {
            throw SettingsError("LOG_LEVEL", "must be one of DEBUG, INFO, WARNING, ERROR (got '\(name)')")
        }
        self.level = level
        self.format = try read.choice("LOG_FORMAT", default: .json)
    }
}
