/// `EVENT_LOOP_THREADS` (1–256, default 1): how many threads run the process's event loops, on which everything
/// runs — HTTP, PostgreSQL and downstream I/O, and every task (ADR 012, ADR 036).
///
/// Why one by default: on this project's hosts the API and the worker share their cores with PostgreSQL, and a
/// second loop mostly adds hand-overs between threads (a query's answer wakes the other thread): one loop cut the
/// API's CPU per ingest by 7–20 % (docs/performance.md). A host with cores to spare for one process raises it.
public struct EventLoopSettings: Sendable {
    public let threads: Int

    public init(source: SettingsSource) throws {
        self.threads = try SettingsReader(source: source).int("EVENT_LOOP_THREADS", default: 1, range: 1...256)
    }

    /// Read from the process environment alone, not from `.env`: the loops start before the first task, and
    /// reading `.env` takes one. The systemd units' `EnvironmentFile=` puts the env file's values there.
    public static func fromProcessEnvironment() throws -> EventLoopSettings {
        try EventLoopSettings(source: .processEnvironment())
    }
}
