/// Readiness: the process is ready when its database answers.
public struct HealthService: Sendable {
    let probe: any DatabaseProbe

    public init(probe: any DatabaseProbe) { self.probe = probe }

    /// `true` when a trivial query succeeds.
    public func isReady() async -> Bool {
        do {
            try await probe.ping()
            return true
        } catch {
            return false
        }
    }
}
