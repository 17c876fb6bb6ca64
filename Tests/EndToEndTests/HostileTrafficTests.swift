import Foundation
import TestSupport
import Testing

/// Floods of sockets against the real API process (ADR 018): the connection cap keeps file descriptors free,
/// idle sockets make room for real clients, and timeouts close what a hostile client holds.
@Suite(.serialized) struct HostileTrafficTests {
    /// The API runs with `ulimit -n 256` and no explicit cap, so the cap comes from the file limit.
    static let fileLimit = 256

    @Test func socketsBeyondTheCapNeitherKillTheAPINorKeepRealClientsOut() async throws {
        try await RunningSystem.with(
            api: ["HTTP_HEADER_TIMEOUT_SECONDS": "4", "HTTP_IDLE_TIMEOUT_SECONDS": "6", "DATABASE_POOL_SIZE": "4"],
            openFileLimit: Self.fileLimit
        ) { system in
            let api = try #require(system.api)
            let listening = try #require(api.logLines.first { $0.contains(#""msg":"api listening""#) })
            let cap = try #require(Self.field("max_connections", in: listening).flatMap(Int.init))
            #expect(cap < Self.fileLimit, "the cap sits below the file limit: \(listening)")

            let idle = HeldSockets(count: 3 * cap, port: system.apiPort)
            let slowloris = HeldSockets(
                count: 50, port: system.apiPort, preamble: "GET /health/live HTTP/1.1\r\nHost: x\r\n")
            // Complete heads whose bodies never finish: busy by the old rule, evictable as "still reading" now.
            let trickle = HeldSockets(
                count: 2 * cap, port: system.apiPort,
                preamble: "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000\r\n\r\n{")
            #expect(idle.descriptors.count + slowloris.descriptors.count > cap, "more sockets held than the cap")
            // Handshakes the full accept queue held back reach the server later; once all are in, every socket
            // beyond the cap has been closed and the cap's worth is still held open.
            let held = idle.descriptors.count + slowloris.descriptors.count + trickle.descriptors.count
            let floodIn = ContinuousClock.now + .seconds(60)
            while idle.closedByServer() + slowloris.closedByServer() + trickle.closedByServer() < held - cap,
                ContinuousClock.now < floodIn
            {
                try await Task.sleep(for: .milliseconds(200))
            }

            let health = try await HTTPCall.send("GET", "\(system.base)/health/live", timeout: 10)
            #expect(health.status == 200, "health answers while the sockets are held")
            let purchase = try await system.ingest("flooded-\(UUID().uuidString)", timeout: 10)
            #expect(purchase.status == 201, "a real request answers too: \(purchase.body)")
            #expect(api.process.isRunning)
            let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(api.pid)/fd").count
            #expect(descriptors < Self.fileLimit, "\(descriptors) open files under a limit of \(Self.fileLimit)")

            let closedIdle = await idle.waitUntilClosed(atLeast: idle.descriptors.count, timeout: .seconds(60))
            let closedSlow = await slowloris.waitUntilClosed(
                atLeast: slowloris.descriptors.count, timeout: .seconds(60))
            #expect(closedIdle == idle.descriptors.count, "every idle socket was evicted or timed out")
            #expect(closedSlow == slowloris.descriptors.count, "every unfinished request head was timed out")
            let closedTrickle = await trickle.waitUntilClosed(atLeast: trickle.descriptors.count, timeout: .seconds(60))
            #expect(closedTrickle == trickle.descriptors.count, "every unfinished body was evicted or timed out")
            #expect(try await HTTPCall.send("GET", "\(system.base)/health/live", timeout: 10).status == 200)
            #expect(api.process.isRunning)
            print(
                "figures: cap \(cap) under ulimit -n \(Self.fileLimit); held \(idle.descriptors.count) idle + "
                    + "\(slowloris.descriptors.count) slowloris + \(trickle.descriptors.count) trickling bodies; "
                    + "API at \(descriptors) files; all closed by the server")
        }
    }

    /// Logins from a client behind the trusted proxy (loopback), as `X-Forwarded-For` names it.
    static func login(_ system: RunningSystem, _ email: String, client: String) async throws -> HTTPCall.Answer {
        try await HTTPCall.send(
            "POST", "\(system.base)/api/v1/auth/login", json: #"{"email": "\#(email)", "password": "Str0ng!Pass"}"#,
            timeout: 30, headers: ["X-Forwarded-For": client])
    }

    /// 64 concurrent loops of logins at random addresses until `deadline`; `client` gives each its address.
    static func flood(
        _ system: RunningSystem, until deadline: ContinuousClock.Instant, client: @escaping @Sendable (Int) -> String
    )
        async -> [Int]
    {
        await withTaskGroup(of: [Int].self) { group in
            for worker in 0..<64 {
                group.addTask {
                    var statuses: [Int] = []
                    var round = 0
                    while ContinuousClock.now < deadline {
                        round += 1
                        let email = "flood-\(UUID().uuidString.prefix(8))@example.com"
                        let status = (try? await login(system, email, client: client(worker * 10_000 + round)))?.status
                        statuses.append(status ?? 0)
                    }
                    return statuses
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }

    @Test func aLoginFloodNeitherLocksRealUsersOutNorQueuesWithoutBound() async throws {
        try await RunningSystem.with(
            // bcrypt on one core only, so the flood does not starve the tests running beside this one.
            api: [
                "BCRYPT_COST": "9", "PASSWORD_HASH_CONCURRENCY": "1", "PASSWORD_HASH_QUEUE": "2",
                "TRUSTED_PROXIES": "127.0.0.1", "LOGIN_CLIENT_RATE_LIMIT_BURST": "20",
            ]
        ) { system in
            // One client spraying random addresses: its failures are limited (429, no bcrypt), others go on.
            let oneClient = Task { await Self.flood(system, until: .now + .seconds(4)) { _ in "203.0.113.9" } }
            try await Task.sleep(for: .seconds(1))
            let started = ContinuousClock.now
            let real = try await Self.login(system, "bob@clicknback.com", client: "198.51.100.7")
            let took = ContinuousClock.now - started
            let statuses = await oneClient.value
            #expect(real.status == 200, "\(real.body)")
            #expect(took < .seconds(3), "a real login during the flood took \(took)")
            #expect(statuses.contains(429), "the flooding client is limited")
            #expect(statuses.allSatisfy { [401, 429, 503].contains($0) }, "\(Set(statuses))")

            // Many clients at once (a botnet): the bcrypt gate sheds what it cannot run soon with 503 + Retry-After.
            let many = await Self.flood(system, until: .now + .seconds(3)) {
                "10.\($0 / 65_536 % 256).\($0 / 256 % 256).\($0 % 256)"
            }
            #expect(many.contains(503), "excess password checks are shed, not queued")
            #expect(many.allSatisfy { [401, 429, 503].contains($0) }, "\(Set(many))")
            let shed = try await Self.login(system, "nobody@example.com", client: "192.0.2.200")
            #expect([401, 503].contains(shed.status))
            #expect(try await Self.login(system, "bob@clicknback.com", client: "198.51.100.8").status == 200)
            print(
                "figures: one-client flood \(statuses.count) logins (\(statuses.filter { $0 == 429 }.count) × 429), real login "
                    + "\(took); many-client flood \(many.count) logins (\(many.filter { $0 == 503 }.count) × 503)")
        }
    }

    @Test func metricsAreServedOnTheAdminListenerOnly() async throws {
        try await RunningSystem.with { system in
            let admin = try await HTTPCall.send("GET", "http://127.0.0.1:\(system.apiAdminPort)/metrics")
            #expect(admin.status == 200 && admin.body.contains("clicknback_http_connections_open"))
            #expect(try await HTTPCall.send("GET", "\(system.base)/metrics").status == 404)
        }
    }

    /// A string field of a JSON log line.
    static func field(_ name: String, in line: String) -> String? {
        let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        return object?[name] as? String
    }
}
