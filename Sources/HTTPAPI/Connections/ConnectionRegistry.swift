/// The bookkeeping behind `ConnectionGovernor`, free of sockets so its rules are tested directly: every open
/// connection with what it is doing, and two eviction queues in the order connections entered them — idle ones
/// (no request at all) first, then ones still reading a request body (a slow or stalled upload). A connection
/// whose request has fully arrived and is being answered is never evicted. A connection that entered its state
/// less than a grace period ago is spared while an older one can go: a client accepted a moment ago has not had
/// the time to send its request, and must not be pushed out by the flood that arrived behind it. Queue entries
/// whose connection has closed or moved on since are skipped when popped and compacted away, so every operation
/// is amortised O(1). Times are nanoseconds of any monotonic clock.
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
        var entries: [(key: Key, generation: Int, since: UInt64)] = []
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
    public mutating func insert(_ key: Key, handle: Handle, at now: UInt64) {
        connections[key] = Connection(handle: handle)
        idle.entries.append((key, 0, now))
    }

    /// The connection's activity changed.
    public mutating func set(_ key: Key, _ activity: Activity, at now: UInt64) {
        guard var connection = connections[key], connection.activity != activity else { return }
        connection.activity = activity
        connection.generation += 1
        connections[key] = connection
        switch activity {
        case .idle: idle.entries.append((key, connection.generation, now))
        case .reading: reading.entries.append((key, connection.generation, now))
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
    /// request body longest — first among those in their state for at least `grace` nanoseconds, then among all;
    /// `nil` when every connection is answering.
    public mutating func popEvictable(at now: UInt64, grace: UInt64) -> Handle? {
        let settled = now >= grace ? now - grace : 0
        let key =
            Self.pop(&idle, expecting: .idle, enteredBy: settled, in: connections)
            ?? Self.pop(&reading, expecting: .reading, enteredBy: settled, in: connections)
            ?? Self.pop(&idle, expecting: .idle, enteredBy: .max, in: connections)
            ?? Self.pop(&reading, expecting: .reading, enteredBy: .max, in: connections)
        return key.flatMap { connections.removeValue(forKey: $0)?.handle }
    }

    /// The first entry of `queue` that is still current, if it entered by `latest`; stale entries before it are
    /// consumed, a current one too young is left in place.
    private static func pop(
        _ queue: inout Queue, expecting activity: Activity, enteredBy latest: UInt64, in connections: [Key: Connection]
    ) -> Key? {
        while queue.head < queue.entries.count {
            let entry = queue.entries[queue.head]
            guard let connection = connections[entry.key], connection.activity == activity,
                connection.generation == entry.generation
            else {
                queue.head += 1
                continue
            }
            guard entry.since <= latest else { return nil }
            queue.head += 1
            return entry.key
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
