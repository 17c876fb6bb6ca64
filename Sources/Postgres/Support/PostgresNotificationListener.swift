public import Application
public import Logging
public import PostgresNIO

/// `LISTEN <channel>` on a pooled connection, re-established with capped backoff whenever the connection
/// is lost. After each (re)connect it signals once, because notifications sent meanwhile are gone.
public struct PostgresNotificationListener: NotificationSource {
    let client: PostgresClient
    let channel: String
    let logger: Logger

    /// The wait before the first reconnection; it doubles after each failed one.
    static let firstRetryDelay = Duration.milliseconds(250)
    /// The longest wait between reconnections (ADR 029): short, so that the worker hears new work again within
    /// two seconds of the database coming back; a reconnection attempt every two seconds costs an outage nothing.
    static let longestRetryDelay = Duration.seconds(2)

    public init(client: PostgresClient, channel: String, logger: Logger) {
        (self.client, self.channel, self.logger) = (client, channel, logger)
    }

    public func listen(onNotification: @escaping @Sendable () -> Void) async throws {
        var retryDelay = Self.firstRetryDelay
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: channel) { notifications in
                        logger.info("listening", metadata: ["channel": .string(channel)])
                        retryDelay = Self.firstRetryDelay
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
                        "retry_in_ms": .stringConvertible(retryDelay.wholeMilliseconds),
                    ])
                try await Task.sleep(for: retryDelay)
                retryDelay = min(retryDelay * 2, Self.longestRetryDelay)
            }
        }
    }
}
