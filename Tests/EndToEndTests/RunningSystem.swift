import Foundation
import TestSupport
import Testing

/// A whole system of its own for fault tests: a private PostgreSQL cluster with migrations and the demo seed,
/// the real `clicknback api` and `clicknback worker` processes, an admin and a user logged in, and a merchant
/// with an offer valid today.
final class RunningSystem: @unchecked Sendable {
    // @unchecked: the processes are replaced only by the test task that owns this object.
    let cluster: PrivateCluster
    let apiPort = ClickNBackProcess.freePort()
    let adminPort = ClickNBackProcess.freePort()
    /// The API's admin listener (`/metrics`).
    let apiAdminPort = ClickNBackProcess.freePort()
    var api: ClickNBackProcess?
    var workers: [ClickNBackProcess] = []
    /// The bank and the rail the workers call, started with the first worker.
    var sandbox: SandboxProcess?
    var userToken = ""
    var adminToken = ""
    var userID = ""
    var merchantID = ""

    var base: String { "http://127.0.0.1:\(apiPort)" }
    /// SQL condition selecting this test's purchases (the demo seed has its own).
    var ours: String { "merchant_id = '\(merchantID)'" }

    static let secret = String(repeating: "f", count: 48)

    private init(cluster: PrivateCluster) {
        self.cluster = cluster
    }

    var environment: [String: String] {
        [
            "DATABASE_URL": cluster.url, "CLICKNBACK_ENV": "test", "OAUTH_HASH_KEY": Self.secret, "LOG_FORMAT": "json",
            "LOG_LEVEL": "info", "BCRYPT_COST": "4", "HTTP_PORT": "\(apiPort)", "INGEST_RATE_LIMIT_ENABLED": "false",
            "PURCHASE_CONFIRMATION_INTERVAL_SECONDS": "60", "WORKER_BACKOFF_CAP_SECONDS": "1",
            "DATABASE_LEASE_TIMEOUT_MS": "2000", "API_ADMIN_PORT": "\(apiAdminPort)",
        ]
    }

    /// Runs `body` against a fresh system and tears it down afterwards, whatever happened. `alone` keeps the
    /// other process-heavy tests off the machine meanwhile (`LoadGate`), for a test that measures a rate.
    static func with(
        api extra: [String: String] = [:], openFileLimit: Int? = nil, alone: Bool = false,
        _ body: (RunningSystem) async throws -> Void
    ) async throws {
        if alone {
            try await LoadGate.alone { try await run(api: extra, openFileLimit: openFileLimit, body) }
        } else {
            try await LoadGate.sharing { try await run(api: extra, openFileLimit: openFileLimit, body) }
        }
    }

    private static func run(
        api extra: [String: String], openFileLimit: Int?, _ body: (RunningSystem) async throws -> Void
    ) async throws {
        let system = try await start(api: extra, openFileLimit: openFileLimit)
        do {
            try await body(system)
        } catch {
            await system.stop()
            throw error
        }
        await system.stop()
    }

    /// Starts the cluster and the API (workers on demand), and prepares a merchant, an offer and a user token.
    static func start(api extra: [String: String] = [:], openFileLimit: Int? = nil) async throws -> RunningSystem {
        let system = RunningSystem(cluster: try await PrivateCluster.start())
        try await PrivateCluster.runBinary(["admin", "seed"], environment: system.environment)
        try await system.startAPI(extra, openFileLimit: openFileLimit)
        let admin = try await system.login("carol@clicknback.com")
        system.adminToken = admin
        let merchant = try await HTTPCall.send(
            "POST", "\(system.base)/api/v1/merchants/", token: admin,
            json: #"{"name": "Fault Shop \#(UUID().uuidString.prefix(8))", "default_cashback_percentage": 5}"#)
        system.merchantID = try #require(merchant.json["id"] as? String, "\(merchant.body)")
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate])
        let offer = try await HTTPCall.send(
            "POST", "\(system.base)/api/v1/offers/", token: admin,
            json: """
                {"merchant_id": "\(system.merchantID)", "cashback_type": "percent", "cashback_value": 5,
                 "start_date": "\(today)", "end_date": "2099-12-31", "monthly_cap": 1000000}
                """)
        #expect(offer.status == 201, "\(offer.body)")
        system.userToken = try await system.login("alice@clicknback.com")
        system.userID = "b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d"
        return system
    }

    /// Starts (or replaces) the API process.
    func startAPI(_ extra: [String: String] = [:], openFileLimit: Int? = nil) async throws {
        if let old = api, old.process.isRunning {
            old.signal(SIGTERM)
            _ = try await old.waitForExit(timeout: .seconds(15))
        }
        api = try ClickNBackProcess(
            ["api"], environment: environment.merging(extra) { _, new in new }, openFileLimit: openFileLimit)
        #expect(await HTTPCall.waitUntilOK("\(base)/health/ready"), "the API became ready")
    }

    @discardableResult
    func startWorker(_ extra: [String: String] = [:]) async throws -> ClickNBackProcess {
        let sandbox: SandboxProcess
        if let running = self.sandbox {
            sandbox = running
        } else {
            sandbox = try await SandboxProcess()
            self.sandbox = sandbox
        }
        let worker = try ClickNBackProcess(
            ["worker"],
            environment: environment.merging([
                "WORKER_ID": "w-\(UUID().uuidString.prefix(6))", "WORKER_ADMIN_PORT": "0",
            ]) { _, new in new }.merging(sandbox.workerEnvironment) { _, new in new }.merging(extra) { _, new in new })
        workers.append(worker)
        return worker
    }

    func login(_ email: String) async throws -> String {
        let answer = try await HTTPCall.send(
            "POST", "\(base)/api/v1/auth/login", json: #"{"email": "\#(email)", "password": "Str0ng!Pass"}"#)
        return try #require(answer.json["access_token"] as? String, "login \(email): \(answer.body)")
    }

    func ingest(_ externalID: String, amount: String = "100.00", timeout: TimeInterval = 30) async throws
        -> HTTPCall.Answer
    {
        try await HTTPCall.send(
            "POST", "\(base)/api/v1/purchases/", token: userToken,
            json: """
                {"external_id": "\(externalID)", "user_id": "\(userID)", "merchant_id": "\(merchantID)",
                 "amount": "\(amount)", "currency": "EUR"}
                """, timeout: timeout)
    }

    /// Ingests `count` purchases of `amount` named `<prefix>-<n>`, eight at a time; all must be accepted.
    func ingestMany(_ prefix: String, count: Int, amount: String = "100.00") async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<8 {
                group.addTask {
                    for index in stride(from: lane, to: count, by: 8) {
                        let answer = try await self.ingest("\(prefix)-\(index)", amount: amount)
                        #expect(answer.status == 201, "\(prefix)-\(index): \(answer.body)")
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Asks for a payout of `amount` as the user and moves it to `processing` as the admin, which hands it to the
    /// worker's settlement job; returns its id.
    func processingPayout(_ amount: String = "10.00") async throws -> String {
        let requested = try await HTTPCall.send(
            "POST", "\(base)/api/v1/users/me/payouts", token: userToken,
            json: #"{"amount": "\#(amount)", "method": "card", "details": {"card_token": "tok_e2e"}}"#)
        let id = try #require(requested.json["id"] as? String, "payout request: \(requested.body)")
        let processed = try await HTTPCall.send(
            "PATCH", "\(base)/api/v1/admin/payouts/\(id)/process", token: adminToken,
            json: #"{"status": "processing"}"#)
        #expect(processed.status == 200, "process \(id): \(processed.body)")
        return id
    }

    /// Sets a global feature flag through the admin API (the jobs' pause flags among them).
    func setFlag(_ key: String, enabled: Bool) async throws {
        let answer = try await HTTPCall.send(
            "PUT", "\(base)/api/v1/feature-flags/\(key)", token: adminToken, json: #"{"enabled": \#(enabled)}"#)
        #expect(answer.status == 200, "flag \(key): \(answer.body)")
    }

    /// Polls `sql` (a count) until it is `target` or `timeout` passes; returns the last figure.
    @discardableResult
    func waitUntil(_ sql: String, is target: Int, timeout: Duration = .seconds(120)) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        var value = try await count(sql)
        while value != target, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            value = try await count(sql)
        }
        return value
    }

    /// Posts `externalID` until the API answers 201, or 409 (an earlier try was stored but its answer lost).
    func ingestUntilStored(_ externalID: String, within timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = try? await ingest(externalID, timeout: 10).status, status == 201 || status == 409 {
                return true
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        return false
    }

    /// `clicknback reconcile` against this system: 0 clean, 1 drift.
    func reconcile() async throws -> Int32 {
        let process = try ClickNBackProcess(["reconcile"], environment: environment)
        return try await process.waitForExit(timeout: .seconds(60)) ?? -1
    }

    /// A number read with `psql` from the cluster.
    func count(_ sql: String) async throws -> Int {
        Int(try await cluster.scalar(sql)) ?? -1
    }

    func stop() async {
        api?.signal(SIGKILL)
        for worker in workers { worker.signal(SIGKILL) }
        sandbox?.process.signal(SIGKILL)
        try? await cluster.destroy()
    }
}
