import Foundation

/// The worker's own settings, beside the spec's `PURCHASE_*` ones (`VerificationSettings`):
/// `WORKER_ID` (lease owner name; default host name and process id), `WORKER_MAX_IN_FLIGHT` (items held at
/// once, default 100), `WORKER_LEASE_SECONDS` (default 30), `WORKER_BACKOFF_CAP_SECONDS` (longest retry
/// wait, default 300), `WORKER_GRACE_PERIOD_SECONDS` (drain time on SIGTERM, default 10),
/// `WORKER_DATABASE_POOL_SIZE` (default 10), `VERIFIER_LATENCY_MS` and `VERIFIER_SOFT_FAILURE_RATE` (the
/// simulated bank, default 0 and 0), `PAYMENT_RAIL_LATENCY_MS` and `PAYMENT_RAIL_FAILURE_RATE` (the simulated
/// rail, default 0 and 0) and `PAYOUT_MAX_ATTEMPTS` (default 5).
public struct WorkerSettings: Sendable {
    public let workerID: String
    public let maxInFlight: Int
    public let leaseDuration: Duration
    public let backoffCap: Duration
    public let gracePeriod: Duration
    public let databasePoolSize: Int
    public let verifierLatency: Duration
    public let verifierSoftFailureRate: Double
    public let railLatency: Duration
    public let railFailureRate: Double
    public let payoutMaxAttempts: Int
    /// `WORKER_ADMIN_HOST` (default 127.0.0.1) and `WORKER_ADMIN_PORT` (default 9091; 0 turns the admin
    /// server off): `/metrics`, `/health/live`, `/health/ready`.
    public let adminHost: String
    public let adminPort: Int

    init(_ read: SettingsReader) throws {
        let host = ProcessInfo.processInfo.hostName
        self.workerID = read.string("WORKER_ID", default: "\(host)-\(ProcessInfo.processInfo.processIdentifier)")
        self.maxInFlight = try read.int("WORKER_MAX_IN_FLIGHT", default: 100, range: 1...100_000)
        self.leaseDuration = .seconds(try read.int("WORKER_LEASE_SECONDS", default: 30, range: 3...3600))
        self.backoffCap = .seconds(try read.int("WORKER_BACKOFF_CAP_SECONDS", default: 300, range: 1...86_400))
        self.gracePeriod = .seconds(try read.int("WORKER_GRACE_PERIOD_SECONDS", default: 10, range: 1...3600))
        self.databasePoolSize = try read.int("WORKER_DATABASE_POOL_SIZE", default: 10, range: 3...500)
        self.verifierLatency = .milliseconds(try read.int("VERIFIER_LATENCY_MS", default: 0, range: 0...600_000))
        self.verifierSoftFailureRate = try read.rate("VERIFIER_SOFT_FAILURE_RATE")
        self.railLatency = .milliseconds(try read.int("PAYMENT_RAIL_LATENCY_MS", default: 0, range: 0...600_000))
        self.railFailureRate = try read.rate("PAYMENT_RAIL_FAILURE_RATE")
        self.payoutMaxAttempts = try read.int("PAYOUT_MAX_ATTEMPTS", default: 5, range: 1...100)
        self.adminHost = read.string("WORKER_ADMIN_HOST", default: "127.0.0.1")
        self.adminPort = try read.int("WORKER_ADMIN_PORT", default: 9091, range: 0...65535)
    }
}

extension SettingsReader {
    /// A probability in `0 ... 1`, default 0.
    func rate(_ variable: String) throws -> Double {
        guard let text = optional(variable) else { return 0 }
        guard let value = Double(text), (0...1).contains(value) else {
            throw SettingsError(variable, "must be a number between 0 and 1 (got '\(text)')")
        }
        return value
    }
}
