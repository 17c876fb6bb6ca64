import Foundation

/// A PostgreSQL cluster of its own, started with the project's `scripts/pg.sh`, for fault tests that stop
/// and restart the server (the shared test cluster must stay up for every other test).
public struct PrivateCluster: Sendable {
    public let directory: String
    public let port: Int
    public var url: String { "postgresql://clicknback:fault_test@127.0.0.1:\(port)/clicknback" }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../scripts/pg.sh").standardizedFileURL.path

    /// Creates the cluster (fsync off), its role and database, and applies the migrations (`migrationsDirectory`:
    /// another `MIGRATIONS_DIR` than the repository's).
    public static func start(migrationsDirectory: String? = nil) async throws -> PrivateCluster {
        var attempt = 0
        while true {
            // A free port can still be taken by a client's outgoing connection before PostgreSQL binds it:
            // then try another one.
            let port = ClickNBackProcess.freePort()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pg-fault-\(port)").path
            let cluster = PrivateCluster(directory: directory, port: port)
            do {
                try await cluster.up()
            } catch {
                attempt += 1
                try? await cluster.destroy()
                if attempt < 5 { continue }
                throw error
            }
            try await run(script, ["ensure-db", directory, "\(port)", "clicknback", "fault_test", "clicknback"])
            var environment = ["DATABASE_URL": cluster.url, "CLICKNBACK_ENV": "test", "LOG_LEVEL": "warning"]
            if let migrationsDirectory { environment["MIGRATIONS_DIR"] = migrationsDirectory }
            try await runBinary(["migrate"], environment: environment)
            return cluster
        }
    }

    /// Runs the `clicknback` binary to completion (migrate, seed…); throws unless it exits 0.
    public static func runBinary(_ arguments: [String], environment: [String: String]) async throws {
        try await run(ClickNBackProcess.binary.path, arguments, environment: environment)
    }

    /// The first column of the first row of `sql`, as text (superuser `psql` over the cluster's socket).
    public func scalar(_ sql: String) async throws -> String {
        try await Self.run(Self.script, ["psql", directory, "\(port)", "-d", "clicknback", "-Atc", sql])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts the (existing) cluster again.
    public func up() async throws { try await Self.run(Self.script, ["up", directory, "\(port)", "--fast"]) }

    /// Stops the server (fast shutdown: open connections are closed).
    public func down() async throws { try await Self.run(Self.script, ["down", directory]) }

    /// Stops the server and removes its files.
    public func destroy() async throws {
        try await down()
        try? FileManager.default.removeItem(atPath: directory)
    }

    struct CommandFailed: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        var description: String { "\(command) exited with \(status)" }
    }

    /// Runs a command to completion and returns its standard output; throws unless it exits 0.
    ///
    /// `posix_spawn` and `waitpid` rather than Foundation's `Process`: `pg.sh up` leaves the server running,
    /// and `Process` on Linux reports an exit only once every inheritor of its internal pipe is gone.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) async throws
        -> String
    {
        let argv = executable.hasSuffix(".sh") ? ["/bin/bash", executable] + arguments : [executable] + arguments
        let env = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }.map { "\($0)=\($1)" }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("cmd-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = env.map { strdup($0) } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        guard spawned == 0 else { throw CommandFailed(command: argv.joined(separator: " "), status: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 { try await Task.sleep(for: .milliseconds(20)) }
        let exitCode = (status >> 8) & 0xff
        guard status & 0x7f == 0, exitCode == 0 else {
            throw CommandFailed(command: argv.joined(separator: " "), status: exitCode)
        }
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }
}
