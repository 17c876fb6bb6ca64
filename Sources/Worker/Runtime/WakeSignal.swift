/// Coalescing wake-ups for the dispatcher: many signals while it is busy become one pending wake-up.
package struct WakeSignal: Sendable {
    package let wakeups: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    package init() {
        (wakeups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    package func wake() { continuation.yield() }
}
