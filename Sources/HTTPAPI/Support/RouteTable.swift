import Hummingbird
import Synchronization

/// Every registered path pattern with its methods, so a miss can be told apart: unknown path (404) or
/// known path with another method (405 with `Allow`). Hummingbird's router only knows the former.
final class RouteTable: Sendable {
    private let routes = Mutex<[(segments: [Substring], method: HTTPRequest.Method)]>([])
    private let patterns = Mutex<[APIRoute]>([])

    /// Every registered operation, in registration order.
    var registered: [APIRoute] { patterns.withLock { $0 } }

    /// Records a pattern such as `/api/v1/offers/{offer_id}` (`{…}` matches any one segment).
    func add(_ pattern: String, method: HTTPRequest.Method) {
        let segments = pattern.split(separator: "/")
        routes.withLock { $0.append((segments, method)) }
        patterns.withLock { $0.append(APIRoute(method: method.rawValue, path: pattern)) }
    }

    /// The methods registered for patterns that match `path`.
    func methods(matching path: String) -> Set<HTTPRequest.Method> {
        let segments = path.split(separator: "/")
        return routes.withLock { routes in
            Set(routes.filter { Self.matches($0.segments, segments) }.map(\.method))
        }
    }

    private static func matches(_ pattern: [Substring], _ segments: [Substring]) -> Bool {
        guard pattern.count == segments.count else { return false }
        return zip(pattern, segments).allSatisfy { expected, actual in
            expected.hasPrefix("{") || expected == actual
        }
    }
}
