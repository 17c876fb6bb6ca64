import Domain
import Hummingbird

/// Registers a route on a router or group and records it in the `RouteTable`. Hummingbird's trie ignores a
/// trailing `/`, so a canonical path such as `/api/v1/users/` is served in both forms, as the spec decides.
struct RouteRegistrar<Methods: RouterMethods<APIRequestContext>> {
    let methods: Methods
    let table: RouteTable

    /// Routes `method path` to `handler`, a controller's named method. What it returns becomes the response:
    /// a transfer type through the context's `WireResponseEncoder`, or a `Response` as it is.
    func on<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String,
        use handler: @escaping @Sendable (Request, APIRequestContext) async throws -> Output
    ) {
        methods.on(RouterPath(path), method: method, use: handler)
        table.add(path, method: method)
    }
}

extension HTTPFields {
    /// For responses that carry secrets (tokens, partner credentials): no browser or proxy cache may keep them.
    static let noStore: HTTPFields = [.cacheControl: "no-store"]
}

/// `{"data": [...]}`, the envelope of the short lists that have no pagination.
struct DataResponse<Item: Encodable>: ResponseEncodable {
    let data: [Item]
}

/// The standard list envelope `{"data": [...], "pagination": {"offset", "limit", "total"}}`.
struct PageResponse<Item: Encodable>: ResponseEncodable {
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
