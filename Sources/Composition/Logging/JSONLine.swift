import Logging

/// Writes one log event as a JSON object, keys sorted, strings escaped per RFC 8259 (slashes left as they are).
///
/// Why by hand: every request writes an access line, and `JSONSerialization` over `[String: Any]` cost the
/// API about a tenth of its CPU per ingest (boxing, dynamic casts, bridged strings; docs/performance.md).
/// Log values are only strings, arrays and dictionaries, so the encoder is small.
enum JSONLine {
    /// The object `{fields…}` with its keys in ascending order, as UTF-8.
    static func object(_ fields: [String: Logger.MetadataValue]) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(512)
        write(fields, into: &line)
        return line
    }

    private static func write(_ fields: [String: Logger.MetadataValue], into line: inout [UInt8]) {
        line.append(UInt8(ascii: "{"))
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            writeString(key, into: &line)
            line.append(UInt8(ascii: ":"))
            if let value = fields[key] { write(value, into: &line) }
        }
        line.append(UInt8(ascii: "}"))
    }

    private static func write(_ value: Logger.MetadataValue, into line: inout [UInt8]) {
        switch value {
        case .string(let text): writeString(text, into: &line)
        case .stringConvertible(let convertible): writeString(convertible.description, into: &line)
        case .dictionary(let entries): write(entries, into: &line)
        case .array(let values):
            line.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                write(element, into: &line)
            }
            line.append(UInt8(ascii: "]"))
        }
    }

    /// The string's UTF-8 bytes between quotes. Everything JSON must escape is ASCII, and no byte of a multi-byte
    /// UTF-8 sequence is ASCII, so the bytes can be copied one by one and escaped where needed.
    private static func writeString(_ text: String, into line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): line.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): line.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): line.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): line.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): line.append(contentsOf: #"\t"#.utf8)
            case ..<0x20:
                line.append(contentsOf: #"\u00"#.utf8)
                line.append(hexDigit(byte >> 4))
                line.append(hexDigit(byte & 0xF))
            default: line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
