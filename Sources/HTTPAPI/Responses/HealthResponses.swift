import Application
import Hummingbird

/// `{"status": …}`, the body of the health endpoints.
struct HealthResponse: ResponseEncodable {
    let status: String
}
