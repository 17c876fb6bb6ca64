/// The bookkeeping behind `ConnectionGovernor`, free of sockets so its rules are tested directly: every open
/// connection, and the idle ones in the order they became idle. Entries of the idle queue whose connection has
/// closed or turned busy since are skipped when popped, so every operation is amortised O(1).
public struct ConnectionRegistry<Key: Hashable, Handle> {
    struct Connection {
        let handle: Handle
        var busy = false
        /// Bumped every time the connection turns idle, so stale queue entries can be told apart.
        var idleGeneration = 0
    }

    private var connections: [Key: Connection] = [:]
    private var idleQueue: [(key: Key, generation: Int)] = []
    private var idleHead = 0

    public init() {}

    /// Connections registered and not removed.
    public var count: Int { connections.count }

    /// A new connection, idle until its first request starts.
    public mutating func insert(_ key: Key, handle: Handle) {
        connections[key] = Connection(handle: handle)
        idleQueue.append((key, 0))
    }

    /// A request started (`true`) or its response ended (`false`).
    public mutating func setBusy(_ key: Key, _ busy: Bool) {
        guard var connection = connections[key], connection.busy != busy else { return }
        connection.busy = busy
        if !busy {
            connection.idleGeneration += 1
            idleQueue.append((key, connection.idleGeneration))
        }
        connections[key] = connection
    }

    /// The connection closed.
    public mutating func remove(_ key: Key) {
        connections[key] = nil
        compactIfMostlyStale()
    }

    /// Removes and returns the connection that has been idle longest, if any is idle.
    public mutating func popOldestIdle() -> Handle? {
        while idleHead < idleQueue.count {
            let entry = idleQueue[idleHead]
            idleHead += 1
            if let connection = connections[entry.key], !connection.busy, connection.idleGeneration == entry.generation
            {
                connections[entry.key] = nil
                compactIfMostlyStale()
                return connection.handle
            }
        }
        return nil
    }

    private mutating func compactIfMostlyStale() {
        let pending = idleQueue.count - idleHead
        guard idleQueue.count > 64, idleHead > idleQueue.count / 2 || pending > 4 * max(connections.count, 1) else {
            return
        }
        idleQueue = idleQueue[idleHead...].filter { entry in
            connections[entry.key].map { !$0.busy && $0.idleGeneration == entry.generation } ?? false
        }
        idleHead = 0
    }
}
