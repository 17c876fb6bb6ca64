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
            api: ["HTTP_HEADER_TIMEOUT_SECONDS": "4", "DATABASE_POOL_SIZE": "4"], openFileLimit: Self.fileLimit
        ) { system in
            let api = try #require(system.api)
            let listening = try #require(api.logLines.first { $0.contains(#""msg":"api listening""#) })
            let cap = try #require(Self.field("max_connections", in: listening).flatMap(Int.init))
            #expect(cap < Self.fileLimit, "the cap sits below the file limit: \(listening)")

            let idle = HeldSockets(count: 3 * cap, port: system.apiPort)
            let slowloris = HeldSockets(
                count: 50, port: system.apiPort, preamble: "GET /health/live HTTP/1.1\r\nHost: x\r\n")
            #expect(idle.descriptors.count + slowloris.descriptors.count > cap, "more sockets held than the cap")

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
            #expect(try await HTTPCall.send("GET", "\(system.base)/health/live", timeout: 10).status == 200)
            #expect(api.process.isRunning)
            print(
                "figures: cap \(cap) under ulimit -n \(Self.fileLimit); held \(idle.descriptors.count) idle + "
                    + "\(slowloris.descriptors.count) slowloris; API at \(descriptors) files; all closed by the server")
        }
    }

    /// A string field of a JSON log line.
    static func field(_ name: String, in line: String) -> String? {
        let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        return object?[name] as? String
    }
}
