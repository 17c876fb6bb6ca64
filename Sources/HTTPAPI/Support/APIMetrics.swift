import Metrics

/// The API's business counters (request counts and latencies come from Hummingbird's `MetricsMiddleware`).
enum APIMetrics {
    static func ingested() { Counter(label: "clicknback_purchases_ingested_total").increment() }

    static func adminTransition(_ action: String) {
        Counter(label: "clicknback_purchases_admin_transitions_total", dimensions: [("action", action)]).increment()
    }

    static func payoutRequested() { Counter(label: "clicknback_payouts_requested_total").increment() }
}
