import Domain
import Metrics

/// The worker's metrics, through swift-metrics (exported as Prometheus text by the composition root).
enum WorkerMetrics {
    static func attempt(job: String, outcome: String, duration: Duration) {
        Counter(label: "clicknback_worker_attempts_total", dimensions: [("job", job), ("outcome", outcome)]).increment()
        Timer(label: "clicknback_worker_attempt_duration_seconds", dimensions: [("job", job)])
            .recordNanoseconds(duration.wholeNanoseconds)
    }

    static func claimed(job: String, count: Int) {
        Recorder(label: "clicknback_worker_claim_batch_size", dimensions: [("job", job)]).record(count)
    }

    static func inFlight(job: String, count: Int) {
        Gauge(label: "clicknback_worker_in_flight", dimensions: [("job", job)]).record(count)
    }

    static func leaseRenewalFailed(job: String) {
        Counter(label: "clicknback_worker_lease_renewal_failures_total", dimensions: [("job", job)]).increment()
    }

    /// A settle found its lease taken by another worker (the lease had expired): nothing was applied.
    static func leaseLost(job: String) {
        Counter(label: "clicknback_worker_lease_lost_total", dimensions: [("job", job)]).increment()
    }

    /// An item stopped being claimed and waits for an operator.
    static func parked(job: String) {
        Counter(label: "clicknback_worker_parked_total", dimensions: [("job", job)]).increment()
    }

    /// Purchases settled by this worker, by outcome (confirmed, rejected).
    static func settled(outcome: String) {
        Counter(label: "clicknback_purchases_settled_total", dimensions: [("outcome", outcome)]).increment()
    }

    /// From ingestion to settlement, the figure users feel.
    static func ingestToSettle(_ duration: Duration) {
        Timer(label: "clicknback_ingest_to_settle_seconds").recordNanoseconds(duration.wholeNanoseconds)
    }

    /// Time spent waiting for a slot of the shared rate limit.
    static func rateLimitWait(downstream: Downstream, _ duration: Duration) {
        Timer(label: "clicknback_worker_rate_limit_wait_seconds", dimensions: [("downstream", downstream.rawValue)])
            .recordNanoseconds(duration.wholeNanoseconds)
    }

    /// A call whose rate-limit slot was too far away: its item went back to the queue.
    static func rateLimited(downstream: Downstream) {
        Counter(label: "clicknback_worker_rate_limited_total", dimensions: [("downstream", downstream.rawValue)])
            .increment()
    }

    /// A call that could not start within its rate limit's `lateness` of its slot gave the slot up.
    static func rateLimitSlotMissed(downstream: Downstream) {
        Counter(
            label: "clicknback_worker_rate_limit_slots_missed_total", dimensions: [("downstream", downstream.rawValue)]
        )
        .increment()
    }

    /// The queue at a glance, sampled by the runtime.
    static func queue(_ summary: JobQueueSummary) {
        for state in JobItemState.allCases {
            Gauge(
                label: "clicknback_worker_queue_items",
                dimensions: [("job", summary.job.rawValue), ("state", state.rawValue)]
            ).record(summary.counts[state] ?? 0)
        }
        Gauge(label: "clicknback_worker_queue_oldest_due_seconds", dimensions: [("job", summary.job.rawValue)])
            .record(summary.oldestDueAgeSeconds)
    }

}
