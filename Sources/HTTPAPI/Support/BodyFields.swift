import Domain
import Foundation
import Hummingbird

/// Reads a JSON object body field by field, collecting every schema problem so that one 422 reports them all.
struct BodyFields {
    private let fields: [String: JSONValue]
    private(set) var violations: [(field: String, reason: String)] = []

    /// Collects the body (capped by the context's upload limit) and requires a JSON object. `status` is the
    /// validation status of the endpoint (422 almost everywhere; the payout contract says 400).
    static func read(
        _ request: Request, context: some RequestContext, status: HTTPResponse.Status = .unprocessableContent
    ) async throws -> BodyFields {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return try parse(Data(buffer.readableBytesView), status: status)
    }

    /// Parses raw bytes; an empty body counts as a missing object.
    static func parse(_ data: Data, status: HTTPResponse.Status = .unprocessableContent) throws -> BodyFields {
        guard !data.isEmpty else { throw APIError.validation([("body", "Field required")], status: status) }
        // Bodies are objects: decoded as one directly, a body costs no failed attempts at the other kinds of
        // value (each a `DecodingError` with its description). Only a body refused as an object (not JSON, or JSON
        // but not an object) is decoded again, to tell which of the two it was.
        let decoder = JSONDecoder()
        if let fields = try? decoder.decode([String: JSONValue].self, from: data) { return object(fields) }
        guard (try? decoder.decode(JSONValue.self, from: data)) != nil else {
            throw APIError.validation([("body", "JSON decode error")], status: status)
        }
        throw APIError.validation(
            [("body", "Input should be a valid dictionary or object to extract fields from")], status: status)
    }

    /// PostgreSQL text cannot hold U+0000: a string carrying it is refused here, with its field, rather than
    /// failing deep in the database.
    private static func firstFieldWithNUL(in fields: [String: JSONValue], path: String = "") -> String? {
        for (key, value) in fields {
            let name = path.isEmpty ? key : "\(path).\(key)"
            if key.utf8.contains(0) { return name }
            if let found = firstNUL(in: value, name: name) { return found }
        }
        return nil
    }

    private static func firstNUL(in value: JSONValue, name: String) -> String? {
        switch value {
        case .string(let text): text.utf8.contains(0) ? name : nil
        case .array(let items): items.lazy.compactMap { firstNUL(in: $0, name: name) }.first
        case .object(let fields): firstFieldWithNUL(in: fields, path: name)
        case .number, .bool, .null: nil
        }
    }

    /// The fields of a JSON object (a whole body or a batch item); a string holding NUL is reported as a
    /// violation of its field.
    static func object(_ fields: [String: JSONValue]) -> BodyFields {
        var body = BodyFields(fields: fields)
        if let field = firstFieldWithNUL(in: fields) {
            body.violations.append((field, "String should not contain NUL characters"))
        }
        return body
    }

    /// Throws the collected violations, if any.
    func finish(status: HTTPResponse.Status = .unprocessableContent) throws(APIError) {
        if !violations.isEmpty { throw APIError.validation(violations, status: status) }
    }

    /// Throws the collected violations, if any, and otherwise hands back the required values read, unwrapped: a
    /// required reader records a violation whenever it answers `nil`, so none is missing once none was recorded.
    func finish<each Value>(status: HTTPResponse.Status = .unprocessableContent, _ value: repeat (each Value)?)
        throws(APIError) -> (repeat each Value)
    {
        try finish(status: status)
        return (repeat try present(each value, status: status))
    }

    private func present<Value>(_ value: Value?, status: HTTPResponse.Status) throws(APIError) -> Value {
        guard let value else { throw APIError.validation(violations, status: status) }
        return value
    }

    /// The raw value of a field, `nil` when absent.
    func field(_ name: String) -> JSONValue? { fields[name] }

    mutating func string(_ name: String, minLength: Int = 0, maxLength: Int? = nil) -> String? {
        guard let value = required(name) else { return nil }
        return checkedString(name, value, minLength: minLength, maxLength: maxLength)
    }

    mutating func optionalString(_ name: String, maxLength: Int) -> String? {
        guard let value = fields[name], value != .null else { return nil }
        return checkedString(name, value, minLength: 0, maxLength: maxLength)
    }

    mutating func bool(_ name: String) -> Bool? {
        guard let value = required(name) else { return nil }
        return checkedBool(name, value)
    }

    mutating func optionalBool(_ name: String) -> Bool? {
        guard let value = fields[name], value != .null else { return nil }
        return checkedBool(name, value)
    }

    /// A number, or a string holding a plain decimal number (the API's lenient coercion).
    mutating func decimal(_ name: String) -> Decimal? {
        guard let value = required(name) else { return nil }
        switch value {
        case .number(let number): return number
        case .string(let text):
            if let number = DecimalText.parse(text.trimmingCharacters(in: .whitespaces)) { return number }
            violations.append((name, "Input should be a valid decimal"))
        default: violations.append((name, "Decimal input should be an integer, float, string or Decimal object"))
        }
        return nil
    }

    /// A non-empty array of strings.
    mutating func stringArray(_ name: String) -> [String]? {
        guard let value = required(name) else { return nil }
        guard case .array(let items) = value, !items.isEmpty else {
            reject(name, "Input should be a non-empty array of strings")
            return nil
        }
        let strings = items.compactMap { item -> String? in
            if case .string(let text) = item { return text }
            return nil
        }
        guard strings.count == items.count else {
            reject(name, "Input should be a non-empty array of strings")
            return nil
        }
        return strings
    }

    mutating func uuid(_ name: String) -> UUID? {
        guard let value = required(name) else { return nil }
        return checkedUUID(name, value)
    }

    /// A UUID that may be absent or `null`.
    mutating func optionalUUID(_ name: String) -> UUID? {
        guard let value = fields[name], value != .null else { return nil }
        return checkedUUID(name, value)
    }

    mutating func date(_ name: String) -> CalendarDate? {
        guard let value = required(name) else { return nil }
        guard case .string(let text) = value, let date = CalendarDate(iso: text) else {
            violations.append((name, "Input should be a valid date in the format YYYY-MM-DD"))
            return nil
        }
        return date
    }

    /// One of an enumeration's raw values; `message` is the spec's reason text.
    mutating func choice<Choice: RawRepresentable<String>>(_ name: String, as type: Choice.Type, message: String)
        -> Choice?
    {
        guard let value = required(name) else { return nil }
        return checkedChoice(name, value, message: message)
    }

    mutating func optionalChoice<Choice: RawRepresentable<String>>(
        _ name: String, as type: Choice.Type, message: String
    ) -> Choice? {
        guard let value = fields[name], value != .null else { return nil }
        return checkedChoice(name, value, message: message)
    }

    /// Records a problem found by a caller-specific check.
    mutating func reject(_ name: String, _ reason: String) {
        violations.append((name, reason))
    }

    private mutating func required(_ name: String) -> JSONValue? {
        guard let value = fields[name] else {
            violations.append((name, "Field required"))
            return nil
        }
        return value
    }

    private mutating func checkedString(_ name: String, _ value: JSONValue, minLength: Int, maxLength: Int?)
        -> String?
    {
        guard case .string(let text) = value else {
            violations.append((name, "Input should be a valid string"))
            return nil
        }
        if text.count < minLength {
            violations.append((name, "String should have at least \(minLength) character\(minLength == 1 ? "" : "s")"))
            return nil
        }
        if let maxLength, text.count > maxLength {
            violations.append((name, "String should have at most \(maxLength) character\(maxLength == 1 ? "" : "s")"))
            return nil
        }
        return text
    }

    private mutating func checkedBool(_ name: String, _ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .string(let text):
            if let flag = LenientBool.parse(text) { return flag }
        case .number(let number) where number == 0 || number == 1: return number == 1
        default: break
        }
        violations.append((name, "Input should be a valid boolean, unable to interpret input"))
        return nil
    }

    private mutating func checkedUUID(_ name: String, _ value: JSONValue) -> UUID? {
        guard case .string(let text) = value, let uuid = UUIDText.parse(text) else {
            violations.append((name, "Input should be a valid UUID"))
            return nil
        }
        return uuid
    }

    private mutating func checkedChoice<Choice: RawRepresentable<String>>(
        _ name: String, _ value: JSONValue, message: String
    ) -> Choice? {
        guard case .string(let text) = value, let choice = Choice(rawValue: text) else {
            violations.append((name, message))
            return nil
        }
        return choice
    }
}

/// The boolean spellings the API accepts in query strings and string-typed body fields.
enum LenientBool {
    static func parse(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes", "on", "t", "y": true
        case "false", "0", "no", "off", "f", "n": false
        default: nil
        }
    }
}
