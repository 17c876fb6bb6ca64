import Domain
import Hummingbird

/// Registers a route on a router or group and records it in the `RouteTable`. Hummingbird's trie ignores a
/// trailing `/`, so a canonical path such as `/api/v1/users/` is served in both forms, as the spec decides.
struct RouteRegistrar<Methods: RouterMethods<APIRequestContext>> {
    let methods: Methods
    let table: RouteTable

    typealias Handler = @Sendable (Request, APIRequestContext) async throws -> Response

    func on(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        methods.on(RouterPath(path), method: method, use: handler)
        table.add(path, method: method)
    }
}

/// Builds JSON responses with the API's one encoder configuration.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:])
        throws -> Response
    {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONWire.encode(value))))
    }
}

extension HTTPFields {
    /// For responses that carry secrets (tokens, partner credentials): no browser or proxy cache may keep them.
    static let noStore: HTTPFields = [.cacheControl: "no-store"]
}

/// The standard list envelope `{"data": [...], "pagination": {"offset", "limit", "total"}}`.
struct PageResponse<Item: Encodable>: Encodable {
    let data: [Item]
    let pagination: Pagination

    struct Pagination: Encodable {
        let offset: Int
        let limit: Int
        let total: Int
    }
}

extension PageResponse {
    init<Source>(_ page: Domain.Page<Source>, request: Domain.PageRequest, transform: (Source) -> Item) {
        self.data = page.items.map(transform)
        self.pagination = Pagination(offset: request.offset, limit: request.limit, total: page.total)
    }
}
