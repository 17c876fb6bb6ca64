/// When an attempt that did not finish its item is tried again, and when an item is parked instead (ADR 020).
public struct RetryPolicy: Sendable {
    /// After a business "not yet": base `PURCHASE_CONFIRMATION_INTERVAL_SECONDS`, cap `WORKER_BACKOFF_CAP_SECONDS`.
    public let business: Backoff
    /// After an infrastructure failure or an interruption: `WORKER_INFRA_BACKOFF_BASE_MS`,
    /// `WORKER_INFRA_BACKOFF_CAP_SECONDS`.
    public let infrastructure: Backoff
    /// Infrastructure failures in a row for longer than this park the item.
    public let horizon: Duration
    /// This many interrupted or crashed attempts in a row park the item.
    public let maxInterruptions: Int

    public init(business: Backoff, infrastructure: Backoff, horizon: Duration, maxInterruptions: Int) {
        (self.business, self.infrastructure, self.horizon, self.maxInterruptions) = (
            business, infrastructure, horizon, maxInterruptions
        )
    }
}
