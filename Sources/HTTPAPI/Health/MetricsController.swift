import Hummingbird

/// `GET /metrics`: the process's metrics in Prometheus text format, for the scraper (keep it off the public
/// load balancer, as docs/deploy.md says).
struct MetricsController {
    let render: @Sendable () -> String

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.get, "/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: render())))
        }
    }
}
