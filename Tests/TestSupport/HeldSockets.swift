#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Many TCP connections to a loopback port that send nothing (or a request head that never ends), held open by
/// the test to play a hostile client; the test then asks how many the server has closed.
public final class HeldSockets: @unchecked Sendable {
    // @unchecked: the descriptors are only touched by the test task that owns this object.
    public private(set) var descriptors: [Int32] = []

    /// Connects `count` sockets to `127.0.0.1:port` (each connect gives up after 2 s); `preamble` is written to
    /// each right away (e.g. half a request head, for a slowloris).
    public init(count: Int, port: Int, preamble: String = "") {
        Self.raiseOwnFileLimit()
        for _ in 0..<count {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { break }
            var timeout = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            guard connected else {
                close(descriptor)
                continue
            }
            if !preamble.isEmpty { _ = preamble.withCString { send(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
            descriptors.append(descriptor)
        }
    }

    /// How many of the held sockets the server has closed (end of stream or reset seen).
    public func closedByServer() -> Int {
        var buffer = [UInt8](repeating: 0, count: 64)
        return descriptors.filter { descriptor in
            let received = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT | MSG_PEEK))
            return received == 0 || (received < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
        }.count
    }

    /// Polls until at least `count` are closed or `timeout` passes; returns the last figure.
    public func waitUntilClosed(atLeast count: Int, timeout: Duration) async -> Int {
        let deadline = ContinuousClock.now + timeout
        var closed = closedByServer()
        while closed < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(200))
            closed = closedByServer()
        }
        return closed
    }

    /// The test process needs room for the sockets it holds.
    private static func raiseOwnFileLimit() {
        var limits = rlimit()
        #if canImport(Glibc)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limits) == 0, limits.rlim_cur < limits.rlim_max else { return }
        limits.rlim_cur = limits.rlim_max
        setrlimit(resource, &limits)
    }

    deinit {
        for descriptor in descriptors { close(descriptor) }
    }
}
