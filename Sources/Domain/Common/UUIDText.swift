public import Foundation

/// UUIDs as the API writes and reads them, byte by byte.
///
/// Why: Foundation's `UUID(uuidString:)` and `uuidString` go through `sscanf` and `printf` on Linux, and the
/// wire form then needs a `lowercased()` copy. A request on the ingest path parses three UUIDs and writes about
/// ten (ids in the response, the log line, the statements' binds); by hand it is a table lookup per digit
/// (docs/performance.md).
public enum UUIDText {
    /// Accepts `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in any case, or the same 32 hex digits without hyphens.
    public static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes in
            switch bytes.count {
            case 36: parse(bytes, hyphenated: true)
            case 32: parse(bytes, hyphenated: false)
            default: nil
            }
        }
    }

    /// The lower-case, hyphenated form (`b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d`).
    public static func lowercased(_ uuid: UUID) -> String {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { output in
                var position = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        output[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    output[position] = hexDigits[Int(byte >> 4)]
                    output[position + 1] = hexDigits[Int(byte & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func parse(_ text: UnsafeBufferPointer<UInt8>, hyphenated: Bool) -> UUID? {
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &uuid) { bytes in
            var digits = 0
            for (position, character) in text.enumerated() {
                if hyphenated && (position == 8 || position == 13 || position == 18 || position == 23) {
                    guard character == UInt8(ascii: "-") else { return false }
                    continue
                }
                guard let value = hexValue(character) else { return false }
                bytes[digits / 2] |= digits % 2 == 0 ? value << 4 : value
                digits += 1
            }
            return true
        }
        return parsed ? UUID(uuid: uuid) : nil
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
