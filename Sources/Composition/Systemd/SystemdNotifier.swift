public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The systemd notify protocol (`sd_notify`): one datagram per state change to the Unix socket named by
/// `NOTIFY_SOCKET` (a path, or `@name` for the abstract namespace). Without the variable — not started by
/// systemd with `Type=notify` — every call does nothing. Written by hand: it is one `sendto`, and the C
/// library (libsystemd) is not something the binary should link for it.
public struct SystemdNotifier: Sendable {
    let socketPath: String?
    /// Half of `WATCHDOG_USEC` when systemd asks this process (per `WATCHDOG_PID`) for keep-alive pings.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = environment["NOTIFY_SOCKET"] ?? ""
        socketPath = path.isEmpty ? nil : path
        let forUs = environment["WATCHDOG_PID"].map { $0 == String(getpid()) } ?? true
        if forUs, let text = environment["WATCHDOG_USEC"], let micros = Int64(text), micros > 0 {
            watchdogInterval = .microseconds(micros / 2)
        } else {
            watchdogInterval = nil
        }
    }

    /// Whether a notify socket was given at all.
    public var isActive: Bool { socketPath != nil }

    /// Sends `state` (for example `READY=1`); `false` when there is no socket or the send failed.
    @discardableResult
    public func send(_ state: String) -> Bool {
        guard let socketPath else { return false }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(socketPath.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }
        guard path.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path) }
        let length = socklen_t(MemoryLayout.offset(of: \sockaddr_un.sun_path) ?? 2) + socklen_t(path.count)
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let message = Array(state.utf8)
        let sent = message.withUnsafeBytes { bytes in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, bytes.baseAddress, bytes.count, 0, $0, length)
                }
            }
        }
        return sent == message.count
    }
}
