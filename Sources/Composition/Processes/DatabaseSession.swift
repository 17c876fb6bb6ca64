public import Logging
import Postgres
public import PostgresNIO

/// Runs a `PostgresClient` pool for the duration of one piece of work (the one-shot subcommands).
public enum DatabaseSession {
    public static func with<Result: Sendable>(
        settings: Settings, logger: Logger, poolSize: Int = 2,
        _ work: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(
            configuration: try DatabaseURL.configuration(settings.databaseURL, poolSize: poolSize),
            backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await work(client)
        }
    }
}
