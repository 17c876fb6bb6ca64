import AsyncHTTPClient
import ServiceLifecycle

/// Keeps the worker's HTTP client for the bank and the rail alive until graceful shutdown, then shuts it
/// down after the jobs (it is started before them, so the group stops it after them).
struct HTTPClientService: Service {
    let client: HTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
