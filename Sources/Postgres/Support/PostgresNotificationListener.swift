public import Application
public import Logging
public import PostgresNIO

/// `LISTEN <channel>` on a pooled connection, re-established with capped backoff whenever the connection
/// is lost. After each (re)connect it signals once, because notifications sent meanwhile are gone.
public struct PostgresNotificationListener: NotificationSource {
    let client: PostgresClient
    let channel: String
    let logger: Logger

    public init(client: PostgresClient, channel: String, logger: Logger) {
        self.client = client
        self.channel = channel
        self.logger = logger
    }

    public func listen(onNotification: @escaping @Sendable () -> Void) async throws {
        var retryDelay = Duration.milliseconds(250)
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: channel) { notifications in
                        logger.info("listening", metadata: ["channel": .string(channel)])
                        retryDelay = .milliseconds(250)
                        onNotification()
                        for try await _ in notifications { onNotification() }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                DatabaseMetrics.listenerReconnect(channel: channel)
                logger.warning(
                    "notification connection lost; reconnecting",
                    metadata: [
                        "channel": .string(channel), "error": .string(String(describing: error)),
                        "retry_in_ms": .stringConvertible(
                            retryDelay.components.seconds * 1000 + retryDelay.components.attoseconds
                                / 1_000_000_000_000_000),
                    ])
                try await Task.sleep(for: retryDelay)
                retryDelay = min(retryDelay * 2, .seconds(2))
            }
        }
    }
}
