import Metrics
public import Prometheus

/// Installs the Prometheus backend for swift-metrics once per process, and renders its text format.
public enum MetricsExport {
    /// The registry behind every metric of this process.
    public static let registry = PrometheusCollectorRegistry()

    public static func bootstrap() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    /// The Prometheus text exposition of every metric.
    public static func render() -> String { registry.emitToString() }
}
