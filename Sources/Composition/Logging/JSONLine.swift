import Logging

/// Writes one log event as a JSON object, keys sorted, strings escaped per RFC 8259 (slashes left as they are).
///
/// Why by hand: every request writes an access line, and `JSONSerialization` over `[String: Any]` cost the
/// API about a tenth of its CPU per ingest (boxing, dynamic casts, bridged strings; docs/performance.md).
/// Log values are only strings, arrays and dictionaries, so the encoder is small.
enum JSONLine {
    /// The object `{fields…}` with its keys in ascending order.
    static func object(_ fields: [String: Logger.MetadataValue]) -> String {
        var line = ""
        line.reserveCapacity(256)
        write(fields, into: &line)
        return line
    }

    private static func write(_ fields: [String: Logger.MetadataValue], into line: inout String) {
        line.append("{")
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { line.append(",") }
            writeString(key, into: &line)
            line.append(":")
            if let value = fields[key] { write(value, into: &line) }
        }
        line.append("}")
    }

    private static func write(_ value: Logger.MetadataValue, into line: inout String) {
        switch value {
        case .string(let text): writeString(text, into: &line)
        case .stringConvertible(let convertible): writeString(convertible.description, into: &line)
        case .dictionary(let entries): write(entries, into: &line)
        case .array(let values):
            line.append("[")
            for (index, element) in values.enumerated() {
                if index > 0 { line.append(",") }
                write(element, into: &line)
            }
            line.append("]")
        }
    }

    private static func writeString(_ text: String, into line: inout String) {
        line.append("\"")
        var plainStart = text.unicodeScalars.startIndex
        for index in text.unicodeScalars.indices {
            let scalar = text.unicodeScalars[index]
            guard let escaped = escape(scalar) else { continue }
            line.unicodeScalars.append(contentsOf: text.unicodeScalars[plainStart..<index])
            line.append(escaped)
            plainStart = text.unicodeScalars.index(after: index)
        }
        line.unicodeScalars.append(contentsOf: text.unicodeScalars[plainStart...])
        line.append("\"")
    }

    /// The escape for a character JSON does not allow bare in a string, `nil` for any other.
    private static func escape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "\"": #"\""#
        case "\\": #"\\"#
        case "\n": #"\n"#
        case "\r": #"\r"#
        case "\t": #"\t"#
        case _ where scalar.value < 0x20:
            #"\u00"# + String(scalar.value >> 4, radix: 16) + String(scalar.value & 0xF, radix: 16)
        default: nil
        }
    }
}
