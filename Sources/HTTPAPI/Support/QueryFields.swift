import Domain
import Foundation
import Hummingbird

/// Reads query parameters with the API's rules, collecting every problem for one 422. Every parameter of the
/// API is single-valued, so one given twice (`?limit=5&limit=500`) is refused rather than silently read once.
struct QueryFields {
    private let request: Request
    private(set) var violations: [(field: String, reason: String)] = []

    init(_ request: Request) {
        self.request = request
        var seen: [Substring: Int] = [:]
        for (name, _) in request.uri.queryParameters { seen[name, default: 0] += 1 }
        for (name, count) in seen.sorted(by: { $0.key < $1.key }) where count > 1 {
            violations.append((String(name), "Query parameter given \(count) times; send it once"))
        }
    }

    func finish(status: HTTPResponse.Status = .unprocessableContent) throws {
        if !violations.isEmpty { throw APIError.validation(violations, status: status) }
    }

    /// Records a problem found by a caller-specific check.
    mutating func reject(_ name: String, _ reason: String) {
        violations.append((name, reason))
    }

    /// The raw value, `nil` when the parameter is absent.
    func string(_ name: String) -> String? {
        request.uri.queryParameters.get(name).map { $0.removingPercentEncoding ?? $0 }
    }

    mutating func int(_ name: String, default defaultValue: Int, min: Int, max: Int? = nil) -> Int {
        guard let text = string(name) else { return defaultValue }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            violations.append((name, "Input should be a valid integer, unable to parse string as an integer"))
            return defaultValue
        }
        if value < min {
            violations.append((name, "Input should be greater than or equal to \(min)"))
        } else if let max, value > max {
            violations.append((name, "Input should be less than or equal to \(max)"))
        }
        return value
    }

    /// `offset` (≥ 0, default 0) and `limit` (1…max, default per endpoint).
    mutating func page(defaultLimit: Int, maxLimit: Int) -> PageRequest {
        PageRequest(
            offset: int("offset", default: 0, min: 0), limit: int("limit", default: defaultLimit, min: 1, max: maxLimit)
        )
    }

    mutating func bool(_ name: String) -> Bool? {
        guard let text = string(name) else { return nil }
        guard let value = LenientBool.parse(text) else {
            violations.append((name, "Input should be a valid boolean, unable to interpret input"))
            return nil
        }
        return value
    }

    mutating func uuid(_ name: String) -> UUID? {
        guard let text = string(name) else { return nil }
        guard let value = UUIDText.parse(text) else {
            violations.append((name, "Input should be a valid UUID, invalid character or length"))
            return nil
        }
        return value
    }

    mutating func date(_ name: String) -> CalendarDate? {
        guard let text = string(name) else { return nil }
        guard let value = CalendarDate(iso: text) else {
            violations.append((name, "Input should be a valid date in the format YYYY-MM-DD"))
            return nil
        }
        return value
    }
}

extension QueryFields {
    /// The page of a list that reads no other query parameter, with the fixed limits unless told otherwise.
    static func page(of request: Request, limits: PageLimits = .fixed) throws -> PageRequest {
        var query = QueryFields(request)
        let page = query.page(defaultLimit: limits.defaultLimit, maxLimit: limits.maxLimit)
        try query.finish()
        return page
    }
}
