import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A Unix datagram socket standing in for systemd's notify socket, to read what a process reports.
public final class NotifySocket: @unchecked Sendable {
    // @unchecked: the descriptor is only read by the test that owns this object.
    public let path: String
    private let descriptor: Int32

    public init() throws {
        path = "/tmp/notify-\(UUID().uuidString.prefix(8)).sock"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard descriptor >= 0, bound == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
    }

    /// Waits up to `timeout` for a datagram equal to `state`; returns every datagram read meanwhile.
    public func waitFor(_ state: String, timeout: Duration) async -> [String] {
        var received: [String] = []
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count > 0 {
                received.append(String(decoding: buffer[0..<count], as: UTF8.self))
                if received.last == state { return received }
            } else {
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        return received
    }

    deinit {
        close(descriptor)
        unlink(path)
    }
}
