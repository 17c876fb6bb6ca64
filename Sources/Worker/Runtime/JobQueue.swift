public import Application
public import Domain

/// What the runtime needs from a job's queue besides the claim: the shared queue writes (`JobQueueWrites`), the
/// pause flag and the shared rate limit. `DatabaseJobQueue` is the one implementation; tests fake it.
public protocol JobQueue: JobQueueWrites {
    /// Whether claiming is allowed now (the job's pause flag; fail-open).
    func isEnabled(_ job: JobKind) async -> Bool
    /// A slot in the shared rate limit of `downstream` (see `DownstreamRateLimitRepository`).
    func reserve(_ downstream: Downstream, interval: Duration, maxWait: Duration) async throws -> Duration?
}
