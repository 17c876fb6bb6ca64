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

    /// Non-empty, `A–Z a–z 0–9 - _` only, and exactly what encoding its own bytes gives back.
    private static func isCanonicalBase64URL(_ part: Substring) -> Bool {
        guard !part.isEmpty, part.count % 4 != 1,
            part.unicodeScalars.allSatisfy({
                ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    || $0 == "_"
            }), let bytes = decode(part)
        else { return false }
        return encode(bytes) == part
    }

    private static func encode(_ bytes: Data) -> String {
        bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func decode(_ part: Substring) -> Data? {
        var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
