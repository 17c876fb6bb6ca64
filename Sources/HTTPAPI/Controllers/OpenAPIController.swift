import Foundation
import Hummingbird
import NIOCore

/// Publishes the API's OpenAPI document at `GET /openapi.json`, so clients and fuzzers read the contract
/// from the server they talk to. The document is a data file, `Resources/openapi/openapi.json`, shipped with the
/// binary's resources; `OpenAPIDocumentTests` checks it against the router and the real responses.
struct OpenAPIController {
    /// The document's bytes, read once.
    static let document: Data = {
        guard let data = BundledFiles.read("openapi")["openapi.json"] else {
            preconditionFailure("openapi/openapi.json is missing from the HTTPAPI resources")
        }
        return data
    }()

    private static let body = ByteBuffer(bytes: document)

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.get, "/openapi.json", use: document)
    }

    @Sendable func document(_ request: Request, context: APIRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
            body: ResponseBody(byteBuffer: Self.body))
    }
}
