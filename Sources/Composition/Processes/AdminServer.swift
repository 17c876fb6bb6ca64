import Application
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A process's small admin HTTP server, apart from the public listener and on loopback by default, so metrics
/// never face the internet: `/metrics` in Prometheus text, `/health/live`, and `/health/ready` (the database
/// answers). The worker serves it on `WORKER_ADMIN_*`, the API on `API_ADMIN_*`.
enum AdminServer {
    static func make(host: String, port: Int, health: HealthService, logger: Logger) -> some Service {
        let router = Router()
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: MetricsExport.render())))
        }
        router.get("/health/live") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"alive"}"#)))
        }
        router.get("/health/ready") { _, _ in
            let ready = await health.isReady()
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                body: .init(
                    byteBuffer: ByteBuffer(string: ready ? #"{"status":"ready"}"# : #"{"status":"unavailable"}"#)))
        }
        return Hummingbird.Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil), logger: logger)
    }
}
