/// The bookkeeping behind `ConnectionGovernor`, free of sockets so its rules are tested directly: every open
/// connection with what it is doing, and two eviction queues in the order connections entered them — idle ones
/// (no request at all) first, then ones still reading a request body (a slow or stalled upload). A connection
/// whose request has fully arrived and is being answered is never evicted. Queue entries whose connection has
/// closed or moved on since are skipped when popped and compacted away, so every operation is amortised O(1).
public struct ConnectionRegistry<Key: Hashable, Handle> {
    /// What a connection is doing, in the order eviction prefers.
    public enum Activity: Sendable {
        /// No request in progress.
        case idle
        /// A request head arrived and its body is still coming.
        case reading
        /// Every request that arrived is complete, and at least one is still being answered.
        case answering
    }

    struct Connection {
        let handle: Handle
        var activity = Activity.idle
        /// Bumped on every change of activity, so stale queue entries can be told apart.
        var generation = 0
    }

    private struct Queue {
        var entries: [(key: Key, generation: Int)] = []
        var head = 0
        var pending: Int { entries.count - head }
    }

    private var connections: [Key: Connection] = [:]
    private var idle = Queue()
    private var reading = Queue()

    public init() {}

    /// Connections registered and not removed.
    public var count: Int { connections.count }

    /// A new connection, idle until its first request starts.
    public mutating func insert(_ key: Key, handle: Handle) {
        connections[key] = Connection(handle: handle)
        idle.entries.append((key, 0))
    }

    /// The connection's activity changed.
    public mutating func set(_ key: Key, _ activity: Activity) {
        guard var connection = connections[key], connection.activity != activity else { return }
        connection.activity = activity
        connection.generation += 1
        connections[key] = connection
        switch activity {
        case .idle: idle.entries.append((key, connection.generation))
        case .reading: reading.entries.append((key, connection.generation))
        case .answering: break
        }
        compactIfMostlyStale()
    }

    /// The connection closed.
    public mutating func remove(_ key: Key) {
        connections[key] = nil
        compactIfMostlyStale()
    }

    /// Removes and returns the connection to evict: the one idle longest, else the one that has been reading a
    /// request body longest; `nil` when every connection is answering.
    public mutating func popEvictable() -> Handle? {
        if let key = Self.pop(&idle, expecting: .idle, in: connections)
            ?? Self.pop(&reading, expecting: .reading, in: connections)
        {
            return connections.removeValue(forKey: key)?.handle
        }
        return nil
    }

    /// The first entry of `queue` that is still current, consumed with every stale one before it.
    private static func pop(_ queue: inout Queue, expecting activity: Activity, in connections: [Key: Connection])
        -> Key?
    {
        while queue.head < queue.entries.count {
            let entry = queue.entries[queue.head]
            queue.head += 1
            if let connection = connections[entry.key], connection.activity == activity,
                connection.generation == entry.generation
            {
                return entry.key
            }
        }
        return nil
    }

    private mutating func compactIfMostlyStale() {
        let limit = 64 + 2 * connections.count
        if idle.entries.count > limit { idle = compacted(idle, activity: .idle) }
        if reading.entries.count > limit { reading = compacted(reading, activity: .reading) }
    }

    private func compacted(_ queue: Queue, activity: Activity) -> Queue {
        Queue(
            entries: queue.entries[queue.head...].filter { entry in
                connections[entry.key].map { $0.activity == activity && $0.generation == entry.generation } ?? false
            })
    }
}
