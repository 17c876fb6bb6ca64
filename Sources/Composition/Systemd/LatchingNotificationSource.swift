import Application
import Synchronization

/// Opens a latch the first time its source signals, which the listener does once LISTEN is established:
/// the worker reports ready to systemd only when it will hear about new purchases.
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
