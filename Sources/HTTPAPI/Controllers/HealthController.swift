import Application
import Hummingbird

/// Liveness (no I/O) and readiness (the database answers), outside the `/api/v1` prefix.
struct HealthController {
    let health: HealthService

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.get, "/health/live", use: live)
        routes.on(.get, "/health/ready", use: ready)
    }

    @Sendable func live(_ request: Request, context: APIRequestContext) async throws -> HealthResponse {
        HealthResponse(status: "alive")
    }

    @Sendable func ready(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<HealthResponse>
    {
        await health.isReady()
            ? EditedResponse(response: HealthResponse(status: "ready"))
            : EditedResponse(status: .serviceUnavailable, response: HealthResponse(status: "unavailable"))
    }
}
