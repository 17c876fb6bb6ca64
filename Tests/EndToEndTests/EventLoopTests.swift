import Foundation
import TestSupport
import Testing

/// `EVENT_LOOP_THREADS` decides how many event-loop threads the real process runs (ADR 036), the `api listening`
/// line says so, and a value out of range stops the process at start with the variable's name.
@Suite(.serialized) struct EventLoopTests {
    @Test func theAPIRunsOneLoopByDefaultAndAsManyAsItIsTold() async throws {
        // Empty counts as unset: the test runner's own environment must not decide the default checked here.
        try await RunningSystem.with(api: ["EVENT_LOOP_THREADS": ""]) { system in
            let first = try #require(system.api)
            #expect(Self.listedThreads(first) == "1")
            #expect(Self.loopThreads(of: first.pid) == 1)
            #expect(try await system.ingest("one-loop").status == 201)

            try await system.startAPI(["EVENT_LOOP_THREADS": "3"])
            let second = try #require(system.api)
            #expect(Self.listedThreads(second) == "3")
            #expect(Self.loopThreads(of: second.pid) == 3)
            #expect(try await system.ingest("three-loops").status == 201)
        }
    }

    @Test func aValueOutOfRangeStopsTheProcessAndNamesTheVariable() async throws {
        let process = try ClickNBackProcess(
            ["api"],
            environment: [
                "EVENT_LOOP_THREADS": "0", "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
                "CLICKNBACK_ENV": "test", "OAUTH_HASH_KEY": RunningSystem.secret,
            ])
        let status = try await process.waitForExit(timeout: .seconds(60))
        #expect(status != nil && status != 0, "the process exits with an error")
        let output = process.logLines.joined(separator: "\n")
        #expect(output.contains("EVENT_LOOP_THREADS"), "\(output)")
    }

    /// `event_loop_threads` of the process's `api listening` line.
    static func listedThreads(_ api: ClickNBackProcess) -> String? {
        guard let line = api.logLines.first(where: { $0.contains(#""msg":"api listening""#) }),
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { return nil }
        return object["event_loop_threads"] as? String
    }

    /// The process's threads that NIO named as its singleton event loops.
    static func loopThreads(of pid: Int32) -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.filter { task in
            let name = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/comm", encoding: .utf8)) ?? ""
            return name.hasPrefix("NIO-SGLTN-")
        }.count
    }
}
