import Foundation

/// The served OpenAPI document and the subset of JSON Schema it uses (`type` with `null`, `required`,
/// `properties`, `additionalProperties`, `items`, `enum`, `const`, `$ref`, `allOf`/`oneOf`/`anyOf`), enough to check
/// a real response body against what the document promises.
struct OpenAPISchema {
    let document: [String: Any]

    /// The value a local `$ref` (`#/components/…`) points at, or `nil`.
    func resolve(_ reference: String) -> Any? {
        guard reference.hasPrefix("#/") else { return nil }
        var current: Any? = document
        for part in reference.dropFirst(2).split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            current = (current as? [String: Any])?[key]
        }
        return current
    }

    /// Every `$ref` anywhere in the document.
    func references(in value: Any? = nil) -> [String] {
        switch value ?? document {
        case let object as [String: Any]:
            return object.flatMap { key, child in key == "$ref" ? [child as? String ?? ""] : references(in: child) }
        case let array as [Any]:
            return array.flatMap { references(in: $0) }
        default:
            return []
        }
    }

    /// The JSON schema of the `status` answer of `method path`, if the document gives one.
    func responseSchema(_ method: String, _ path: String, status: Int) -> Any? {
        let paths = document["paths"] as? [String: [String: Any]]
        let operation = paths?[path]?[method.lowercased()] as? [String: Any]
        var response = (operation?["responses"] as? [String: Any])?[String(status)]
        if let reference = (response as? [String: Any])?["$ref"] as? String { response = resolve(reference) }
        let content = (response as? [String: Any])?["content"] as? [String: Any]
        return (content?["application/json"] as? [String: Any])?["schema"]
    }

    /// Where `value` breaks `schema`, as readable paths; empty when it conforms.
    func violations(of value: Any, against schema: Any?, at path: String = "$") -> [String] {
        guard var rule = schema as? [String: Any] else { return [] }
        if let reference = rule["$ref"] as? String {
            guard let target = resolve(reference) else { return ["\(path): unresolved \(reference)"] }
            return violations(of: value, against: target, at: path)
        }
        var found: [String] = []
        if let all = rule["allOf"] as? [Any] { found += all.flatMap { violations(of: value, against: $0, at: path) } }
        for key in ["oneOf", "anyOf"] {
            guard let options = rule[key] as? [Any] else { continue }
            if !options.contains(where: { violations(of: value, against: $0, at: path).isEmpty }) {
                found.append("\(path): matches none of \(key)")
            }
        }
        rule["allOf"] = nil
        if let allowed = rule["enum"] as? [Any], !allowed.contains(where: { Self.same($0, value) }) {
            found.append("\(path): \(value) is not one of \(allowed)")
        }
        if let constant = rule["const"], !Self.same(constant, value) { found.append("\(path): \(value) ≠ \(constant)") }
        let types = (rule["type"] as? [String]) ?? (rule["type"] as? String).map { [$0] } ?? []
        if !types.isEmpty, !types.contains(where: { Self.isOfType(value, $0) }) {
            return found + ["\(path): \(Self.describe(value)) is not \(types.joined(separator: " or "))"]
        }
        if let object = value as? [String: Any] {
            let properties = rule["properties"] as? [String: Any] ?? [:]
            for name in rule["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path): missing required \(name)")
            }
            for (name, child) in object {
                if let property = properties[name] {
                    found += violations(of: child, against: property, at: "\(path).\(name)")
                } else if rule["additionalProperties"] as? Bool == false {
                    found.append("\(path): \(name) is not documented")
                } else if let extra = rule["additionalProperties"] as? [String: Any] {
                    found += violations(of: child, against: extra, at: "\(path).\(name)")
                }
            }
        }
        if let array = value as? [Any], let items = rule["items"] {
            for (index, item) in array.enumerated() {
                found += violations(of: item, against: items, at: "\(path)[\(index)]")
            }
        }
        return found
    }

    private static func isOfType(_ value: Any, _ kind: String) -> Bool {
        switch kind {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        // JSONSerialization gives booleans their own NSNumber subclass (`__NSCFBoolean`).
        case "boolean": return value is NSNumber && "\(type(of: value))".contains("Boolean")
        case "integer":
            guard let number = value as? NSNumber, !isOfType(value, "boolean") else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        case "number": return value is NSNumber && !isOfType(value, "boolean")
        default: return true
        }
    }

    private static func same(_ left: Any, _ right: Any) -> Bool {
        (left as? NSObject)?.isEqual(right) ?? false
    }

    private static func describe(_ value: Any) -> String {
        value is NSNull ? "null" : "\(type(of: value)) \(value)"
    }
}
