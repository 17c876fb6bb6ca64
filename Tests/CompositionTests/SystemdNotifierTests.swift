import Composition
import Foundation
import TestSupport
import Testing

@Suite struct SystemdNotifierTests {
    @Test func sendsStatesAsDatagramsToTheNotifySocket() async throws {
        let socket = try NotifySocket()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path])
        #expect(notifier.isActive && notifier.watchdogInterval == nil)
        #expect(notifier.send("READY=1"))
        #expect(await socket.waitFor("READY=1", timeout: .seconds(30)) == ["READY=1"])
    }

    @Test func withoutASocketEverythingIsANoOp() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isActive && !notifier.send("READY=1"))
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/socket"]).send("READY=1"))
    }

    @Test func pingsAtHalfTheWatchdogIntervalOnlyWhenItIsForThisProcess() {
        let mine = String(getpid())
        #expect(
            SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": mine]).watchdogInterval
                == .seconds(1))
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000"]).watchdogInterval == .seconds(1))
        #expect(
            SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "1"]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "zero"]).watchdogInterval == nil)
    }

    @Test func theWorkerAndTheAPISpeakTheProtocol() async throws {
        try await TestDatabase.withFresh { (_, url) async throws in
            for command in ["worker", "api"] {
                let socket = try NotifySocket()
                let process = try ClickNBackProcess(
                    [command],
                    environment: [
                        "DATABASE_URL": url, "CLICKNBACK_ENV": "test", "NOTIFY_SOCKET": socket.path,
                        "WATCHDOG_USEC": "200000", "WORKER_ADMIN_PORT": "0",
                        "HTTP_PORT": "\(ClickNBackProcess.freePort())",
                        "OAUTH_HASH_KEY": String(repeating: "n", count: 40),
                        // Never called: the database has no work for the worker.
                        "BANK_URL": "http://127.0.0.1:9/bank", "RAIL_URL": "http://127.0.0.1:9/rail",
                    ])
                let started = await socket.waitFor("WATCHDOG=1", timeout: .seconds(20))
                #expect(started.first == "READY=1", "\(command): \(started)")
                #expect(started.last == "WATCHDOG=1", "\(command): \(started)")
                process.signal(SIGTERM)
                let stopping = await socket.waitFor("STOPPING=1", timeout: .seconds(10))
                #expect(stopping.last == "STOPPING=1", "\(command): \(stopping)")
                #expect(try await process.waitForExit(timeout: .seconds(20)) == 0, "\(command) exits cleanly")
            }
        }
    }
}
