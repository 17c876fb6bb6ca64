public import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `clicknback` binary started as a child process, for end-to-end tests: real signals, real exits.
public final class ClickNBackProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched from the test task that owns this object.
    public let process = Process()
    /// Where stdout and stderr go (JSON log lines).
    public let logFile: URL

    /// The debug binary next to the package, or `CLICKNBACK_BINARY`.
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["CLICKNBACK_BINARY"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../.build/debug/clicknback").standardizedFileURL
    }

    /// Starts the binary; with `openFileLimit`, under that `ulimit -n` (through `sh`, which then execs it, so the
    /// pid is the binary's).
    public init(_ arguments: [String], environment: [String: String], openFileLimit: Int? = nil) throws {
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("clicknback-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: logFile)
        if let openFileLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments =
                ["-c", #"ulimit -n "$0" && exec "$@""#, String(openFileLimit), Self.binary.path] + arguments
        } else {
            process.executableURL = Self.binary
            process.arguments = arguments
        }
        var inherited = ProcessInfo.processInfo.environment
        // A coverage build's child writes its profile where SwiftPM's own merge never looks: a child stopped while
        // it writes would leave a torn file there and fail `swift test`. scripts/coverage-gate.sh merges them.
        if let profiles = inherited["CHILD_PROFILE_DIR"] {
            inherited["LLVM_PROFILE_FILE"] = "\(profiles)/clicknback-%p.profraw"
        }
        process.environment = inherited.merging(environment) { _, new in new }
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }

    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits up to `timeout` for the process to exit; returns its status, or `nil` if it is still running.
    public func waitForExit(timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// The log lines written so far.
    public var logLines: [String] {
        ((try? String(contentsOf: logFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// A loopback port nobody listens on right now: the kernel picks it (bind to port 0), so it cannot collide
    /// with another test's listener or with a client's ephemeral port in use.
    public static func freePort() -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : Int.random(in: 20_000...30_000)
    }

    /// GET over loopback; returns status and body.
    public static func get(_ url: String) async throws -> (status: Int, body: String) {
        guard let target = URL(string: url) else { throw URLError(.badURL) }
        let (data, response) = try await URLSession.shared.data(from: target)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: logFile)
    }
}
