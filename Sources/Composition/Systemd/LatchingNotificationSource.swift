import Application
import Synchronization

/// Opens a latch the first time its source signals, which the listener does once LISTEN is established:
/// the worker reports ready to systemd only when every job will hear about new work (ADR 029).
struct LatchingNotificationSource: NotificationSource {
    let source: any NotificationSource
    let latch: ReadinessLatch

    func listen(onNotification: @escaping @Sendable () -> Void) async throws {
        try await source.listen {
            latch.open()
            onNotification()
        }
    }
}
