import Synchronization

/// A flag that turns on once and stays on: "the server listens", "LISTEN is established".
public final class ReadinessLatch: Sendable {
    private let state = Mutex(false)

    public init() {}

    public var isOpen: Bool { state.withLock { $0 } }

    public func open() { state.withLock { $0 = true } }
}
