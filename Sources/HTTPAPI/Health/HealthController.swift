import Application
import Hummingbird

/// Liveness (no I/O) and readiness (the database answers), outside the `/api/v1` prefix.
struct HealthController {
    let health: HealthService

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.get, "/health/live") { _, _ in try JSONResponse.make(["status": "alive"]) }
        routes.on(.get, "/health/ready") { _, _ in
            await health.isReady()
                ? try JSONResponse.make(["status": "ready"])
                : try JSONResponse.make(["status": "unavailable"], status: .serviceUnavailable)
        }
    }
}
