import Metrics

/// The API's business counters (request counts and latencies come from Hummingbird's `MetricsMiddleware`).
enum APIMetrics {
    /// One ingested purchase, by partner (`none` for users' own).
    static func ingested(partner: String?) {
        Counter(label: "clicknback_purchases_ingested_total", dimensions: [("partner", partner ?? "none")]).increment()
    }

    static func adminTransition(_ action: String) {
        Counter(label: "clicknback_purchases_admin_transitions_total", dimensions: [("action", action)]).increment()
    }

    static func payoutRequested() { Counter(label: "clicknback_payouts_requested_total").increment() }
}
