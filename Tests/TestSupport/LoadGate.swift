/// Keeps a measurement that a loaded machine distorts away from the tests that load it most. The suite runs
/// its tests in parallel on a couple of cores; a test that reads a rate at the sandbox (calls in any one
/// second) would otherwise measure the scheduler: a process starved for a few hundred milliseconds handles its
/// backlog at once. Tests that start processes or run a router hold the gate shared (many at a time); a
/// measuring test holds it exclusively, after the running ones finish and before any new one starts.
public actor LoadGate {
    public static let shared = LoadGate()

    private var sharedHolders = 0
    private var exclusiveHeld = false
    private var exclusiveWaiting = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` beside other shared holders, never beside an exclusive one.
    public static func sharing<Result>(_ body: () async throws -> Result) async throws -> Result {
        try await holding(exclusive: false, body)
    }

    /// Runs `body` alone among the gate's holders.
    public static func alone<Result>(_ body: () async throws -> Result) async throws -> Result {
        try await holding(exclusive: true, body)
    }

    private static func holding<Result>(exclusive: Bool, _ body: () async throws -> Result) async throws -> Result {
        if exclusive { await shared.acquireExclusive() } else { await shared.acquireShared() }
        let result: Result
        do {
            result = try await body()
        } catch {
            await shared.release(exclusive: exclusive)
            throw error
        }
        await shared.release(exclusive: exclusive)
        return result
    }

    private func acquireShared() async {
        while exclusiveHeld || exclusiveWaiting > 0 { await suspend() }
        sharedHolders += 1
    }

    private func acquireExclusive() async {
        exclusiveWaiting += 1
        while exclusiveHeld || sharedHolders > 0 { await suspend() }
        exclusiveWaiting -= 1
        exclusiveHeld = true
    }

    private func release(exclusive: Bool) {
        if exclusive { exclusiveHeld = false } else { sharedHolders -= 1 }
        wakeAll()
    }

    private func suspend() async {
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Every waiter checks its condition again; the gate is busy for seconds at most, so this stays cheap.
    private func wakeAll() {
        let woken = waiting
        waiting = []
        for continuation in woken { continuation.resume() }
    }
}
