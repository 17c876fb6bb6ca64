import Foundation

/// The worker's own settings, beside the spec's `PURCHASE_*` ones (`VerificationSettings`):
/// `WORKER_ID` (lease owner name; default host name and process id), `WORKER_MAX_IN_FLIGHT` (items held at
/// once, default 100), `WORKER_LEASE_SECONDS` (default 30), `WORKER_BACKOFF_CAP_SECONDS` (longest retry
/// wait, default 300), `WORKER_GRACE_PERIOD_SECONDS` (drain time on SIGTERM, default 10),
/// `WORKER_DATABASE_POOL_SIZE` (default 10), `PAYOUT_MAX_ATTEMPTS` (business attempts per payout, default 5); and the
/// failure handling of ADR 020: `WORKER_INFRA_BACKOFF_BASE_MS` (1000) and `WORKER_INFRA_BACKOFF_CAP_SECONDS`
/// (60), `WORKER_INFRA_RETRY_HORIZON_SECONDS` (21 600: infrastructure failures in a row for longer park the
/// item), `WORKER_MAX_INTERRUPTIONS` (5), `BREAKER_FAILURE_THRESHOLD` (5), `BREAKER_COOLDOWN_SECONDS` (5),
/// `BANK_RATE_LIMIT` and `RAIL_RATE_LIMIT` (calls per second across all workers, 0 = unlimited),
/// `WORKER_RATE_LIMIT_MAX_WAIT_MS` (2000), `WORKER_JOURNAL_RETENTION_HOURS` (168) and
/// `WORKER_QUEUE_METRICS_SECONDS` (15).
public struct WorkerSettings: Sendable {
    public let workerID: String
    public let maxInFlight: Int
    public let leaseDuration: Duration
    public let backoffCap: Duration
    public let gracePeriod: Duration
    public let databasePoolSize: Int
    public let payoutMaxAttempts: Int
    public let infraBackoffBase: Duration
    public let infraBackoffCap: Duration
    public let infraRetryHorizon: Duration
    public let maxInterruptions: Int
    public let breakerFailureThreshold: Int
    public let breakerCooldown: Duration
    public let bankRateLimit: Int
    public let railRateLimit: Int
    public let rateLimitMaxWait: Duration
    public let journalRetention: Duration
    public let queueMetricsInterval: Duration
    /// `WORKER_ADMIN_HOST` (default 127.0.0.1) and `WORKER_ADMIN_PORT` (default 9091; 0 turns the admin
    /// server off): `/metrics`, `/health/live`, `/health/ready`.
    public let adminHost: String
    public let adminPort: Int
    public let downstreams: DownstreamSettings

    init(_ read: SettingsReader) throws {
        let host = ProcessInfo.processInfo.hostName
        self.workerID = read.string("WORKER_ID", default: "\(host)-\(ProcessInfo.processInfo.processIdentifier)")
        self.maxInFlight = try read.int("WORKER_MAX_IN_FLIGHT", default: 100, range: 1...100_000)
        self.leaseDuration = .seconds(try read.int("WORKER_LEASE_SECONDS", default: 30, range: 3...3600))
        self.backoffCap = .seconds(try read.int("WORKER_BACKOFF_CAP_SECONDS", default: 300, range: 1...86_400))
        self.gracePeriod = .seconds(try read.int("WORKER_GRACE_PERIOD_SECONDS", default: 10, range: 1...3600))
        self.databasePoolSize = try read.int("WORKER_DATABASE_POOL_SIZE", default: 10, range: 3...500)
        self.payoutMaxAttempts = try read.int("PAYOUT_MAX_ATTEMPTS", default: 5, range: 1...100)
        self.infraBackoffBase = .milliseconds(
            try read.int("WORKER_INFRA_BACKOFF_BASE_MS", default: 1000, range: 10...600_000))
        self.infraBackoffCap = .seconds(try read.int("WORKER_INFRA_BACKOFF_CAP_SECONDS", default: 60, range: 1...3600))
        self.infraRetryHorizon = .seconds(
            try read.int("WORKER_INFRA_RETRY_HORIZON_SECONDS", default: 21_600, range: 1...2_592_000))
        self.maxInterruptions = try read.int("WORKER_MAX_INTERRUPTIONS", default: 5, range: 1...1000)
        self.breakerFailureThreshold = try read.int("BREAKER_FAILURE_THRESHOLD", default: 5, range: 1...10_000)
        self.breakerCooldown = .seconds(try read.int("BREAKER_COOLDOWN_SECONDS", default: 5, range: 1...3600))
        self.bankRateLimit = try read.int("BANK_RATE_LIMIT", default: 0, range: 0...100_000)
        self.railRateLimit = try read.int("RAIL_RATE_LIMIT", default: 0, range: 0...100_000)
        self.rateLimitMaxWait = .milliseconds(
            try read.int("WORKER_RATE_LIMIT_MAX_WAIT_MS", default: 2000, range: 0...600_000))
        self.journalRetention = .seconds(
            3600 * (try read.int("WORKER_JOURNAL_RETENTION_HOURS", default: 168, range: 1...87_600)))
        self.queueMetricsInterval = .seconds(
            try read.int("WORKER_QUEUE_METRICS_SECONDS", default: 15, range: 1...3600))
        self.adminHost = read.string("WORKER_ADMIN_HOST", default: "127.0.0.1")
        self.adminPort = try read.int("WORKER_ADMIN_PORT", default: 9091, range: 0...65535)
        self.downstreams = try DownstreamSettings(read, lease: leaseDuration)
    }
}
