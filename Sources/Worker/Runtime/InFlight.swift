import Synchronization

/// The ids of the items this process holds right now: bounded by `max_in_flight`, renewed by the lease keeper.
package final class InFlight<ID: Hashable & Sendable>: Sendable {
    private let ids = Mutex<Set<ID>>([])

    package init() {}

    package var count: Int { ids.withLock { $0.count } }
    package var snapshot: [ID] { ids.withLock { Array($0) } }

    /// Adds `id`; `false` when it is already held (a re-claim of something still running here).
    package func insert(_ id: ID) -> Bool { ids.withLock { $0.insert(id).inserted } }

    package func remove(_ id: ID) { _ = ids.withLock { $0.remove(id) } }
}
