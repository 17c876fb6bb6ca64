public import Logging

/// Claims due items when woken — by a notification, the periodic sweep, or a freed slot — never more than
/// the free slots, and hands each to `spawn`. It does not know what runs the items.
public struct Dispatcher<J: Job>: Sendable {
    let job: J
    let maxInFlight: Int
    let inFlight: InFlight<J.ItemID>
    let logger: Logger

    public init(job: J, maxInFlight: Int, inFlight: InFlight<J.ItemID>, logger: Logger) {
        self.job = job
        self.maxInFlight = maxInFlight
        self.inFlight = inFlight
        self.logger = logger
    }

    /// Handles wake-ups until the sequence ends (graceful shutdown ends it).
    public func run(
        wakeups: some AsyncSequence<Void, Never>, signal: WakeSignal, spawn: (J.Item) -> Void
    ) async {
        for await _ in wakeups {
            let claimedAll = await dispatchOnce(spawn: spawn)
            if claimedAll { signal.wake() }
        }
    }

    /// Claims once; returns `true` when every free slot was filled, so more items may be due.
    public func dispatchOnce(spawn: (J.Item) -> Void) async -> Bool {
        let free = maxInFlight - inFlight.count
        guard free > 0, await job.isEnabled() else { return false }
        do {
            let items = try await job.claim(limit: free)
            for item in items {
                if inFlight.insert(job.id(of: item)) {
                    spawn(item)
                } else {
                    logger.warning("re-claimed an item still running here", metadata: job.logMetadata(of: item))
                }
            }
            WorkerMetrics.claimed(job: job.name, count: items.count)
            WorkerMetrics.inFlight(job: job.name, count: inFlight.count)
            if !items.isEmpty {
                logger.debug("claimed", metadata: ["job": .string(job.name), "count": .stringConvertible(items.count)])
            }
            return items.count == free
        } catch {
            logger.error(
                "claim failed", metadata: ["job": .string(job.name), "error": .string(String(describing: error))])
            return false
        }
    }
}
