/// Coalescing wake-ups for the dispatcher: many signals while it is busy become one pending wake-up.
public struct WakeSignal: Sendable {
    public let wakeups: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() {
        (wakeups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    public func wake() { continuation.yield() }
}
