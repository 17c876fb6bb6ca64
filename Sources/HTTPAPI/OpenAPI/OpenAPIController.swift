import Hummingbird
import NIOCore

/// Publishes the API's OpenAPI document at `GET /openapi.json`, so clients and fuzzers read the contract
/// from the server they talk to.
struct OpenAPIController {
    private static let body = ByteBuffer(string: OpenAPIDocument.json)

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.get, "/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                body: ResponseBody(byteBuffer: Self.body))
        }
    }
}
