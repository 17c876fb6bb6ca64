import Foundation

/// The checks a JWT passes before its signature is even looked at, so that only the exact form this service
/// issues is accepted: three canonical unpadded base64url parts (a trailing `=`, any other character, or unused
/// low bits set in the last character are refused, so one token has exactly one spelling — a re-spelled refresh
/// token would otherwise escape reuse detection) and a header naming exactly the configured `alg`, with `typ` absent or `JWT` and no
/// `crit` extensions. The key collection holds one HMAC key, but a verifier that trusts the header's `alg` is the
/// classic JWT flaw, so the header is pinned here rather than relied on being harmless.
enum StrictCompactToken {
    struct Refused: Error {}

    static func check(_ token: String, algorithm: String) throws(Refused) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy(isCanonicalBase64URL) else { throw Refused() }
        guard let header = decode(parts[0]),
            let object = try? JSONSerialization.jsonObject(with: header) as? [String: Any],
            object["alg"] as? String == algorithm, object["crit"] == nil
        else { throw Refused() }
        if let type = object["typ"] { guard type as? String == "JWT" else { throw Refused() } }
    }

    /// Non-empty, `A–Z a–z 0–9 - _` only, and exactly what encoding its own bytes gives back: a length that
    /// whole bytes can have, and the last character's bits past the data all zero.
    private static func isCanonicalBase64URL(_ part: Substring) -> Bool {
        let characters = part.utf8
        guard !characters.isEmpty, characters.count % 4 != 1 else { return false }
        var last: UInt8 = 0
        for character in characters {
            guard let value = sextet(character) else { return false }
            last = value
        }
        switch characters.count % 4 {
        case 2: return last & 0b1111 == 0
        case 3: return last & 0b11 == 0
        default: return true
        }
    }

    /// The six bits a base64url character stands for.
    private static func sextet(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }

    private static func decode(_ part: Substring) -> Data? {
        var base64 = String(
            decoding: part.utf8.map {
                $0 == UInt8(ascii: "-") ? UInt8(ascii: "+") : $0 == UInt8(ascii: "_") ? UInt8(ascii: "/") : $0
            }, as: UTF8.self)
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
