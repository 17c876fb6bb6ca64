import Metrics
import NIOCore
import Synchronization

/// Keeps the API's open connections under a cap that sits below the process's file limit, so no flood of
/// sockets can exhaust file descriptors (at that point the runtime itself cannot open files and the process
/// dies). At the cap, a new connection takes the place of the oldest *idle* one — a socket with no request in
/// progress, like a client that connected and never sent anything — or, when none is idle, of the one that has
/// been trickling a request body longest; so health checks and real requests still get in while a flood is held.
/// Connections younger in their state than `newcomerGrace` go last, so the flood arriving behind a real client
/// does not push it out before it could send its request.
/// When every connection is being answered, the new one is closed at once and the work in progress goes on.
/// Each connection reports itself through a `ConnectionGovernorHandler`.
public final class ConnectionGovernor: Sendable {
    /// Most connections open at once.
    public let capacity: Int
    /// How long a connection that just opened (or just went idle) is spared while older ones can be evicted.
    static let newcomerGrace = UInt64(500_000_000)
    private let registry = Mutex(ConnectionRegistry<ObjectIdentifier, any Channel>())

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Connections open now.
    public var openConnections: Int { registry.withLock { $0.count } }

    /// Registers a new connection; at the cap, closes an evictable one to make room, or returns `false` when
    /// every connection is being answered (the caller closes the new one).
    func admit(_ channel: any Channel) -> Bool {
        let now = NIODeadline.now().uptimeNanoseconds
        let (admitted, victim, open) = registry.withLock { registry -> (Bool, (any Channel)?, Int) in
            var victim: (any Channel)?
            if registry.count >= capacity {
                victim = registry.popEvictable(at: now, grace: Self.newcomerGrace)
                guard victim != nil else { return (false, nil, registry.count) }
            }
            registry.insert(ObjectIdentifier(channel), handle: channel, at: now)
            return (true, victim, registry.count)
        }
        if let victim {
            victim.close(promise: nil)
            Counter(label: "clicknback_http_connections_evicted_total").increment()
        }
        if !admitted { Counter(label: "clicknback_http_connections_refused_total").increment() }
        Gauge(label: "clicknback_http_connections_open").record(open)
        return admitted
    }

    /// What `channel` is doing now.
    func set(_ channel: any Channel, _ activity: ConnectionRegistry<ObjectIdentifier, any Channel>.Activity) {
        let now = NIODeadline.now().uptimeNanoseconds
        registry.withLock { $0.set(ObjectIdentifier(channel), activity, at: now) }
    }

    /// The connection closed (or was evicted, which already removed it).
    func remove(_ channel: any Channel) {
        let open = registry.withLock { registry -> Int in
            registry.remove(ObjectIdentifier(channel))
            return registry.count
        }
        Gauge(label: "clicknback_http_connections_open").record(open)
    }
}
