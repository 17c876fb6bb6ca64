/// A source of "something may be due" signals: PostgreSQL `LISTEN`, re-established after connection loss.
public protocol NotificationSource: Sendable {
    /// Calls `onNotification` for every notification (and once after every reconnect) until cancelled.
    func listen(onNotification: @escaping @Sendable () -> Void) async throws
}
