import Foundation

/// The checks a JWT passes before its signature is even looked at, so that only the exact form this service
/// issues is accepted: three unpadded base64url parts (a trailing `=` or any other character is refused, so one
/// token has one spelling) and a header naming exactly the configured `alg`, with `typ` absent or `JWT` and no
/// `crit` extensions. The key collection holds one HMAC key, but a verifier that trusts the header's `alg` is the
/// classic JWT flaw, so the header is pinned here rather than relied on being harmless.
enum StrictCompactToken {
    struct Refused: Error {}

    static func check(_ token: String, algorithm: String) throws(Refused) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy(isUnpaddedBase64URL) else { throw Refused() }
        guard let header = decode(parts[0]),
            let object = try? JSONSerialization.jsonObject(with: header) as? [String: Any],
            object["alg"] as? String == algorithm, object["crit"] == nil
        else { throw Refused() }
        if let type = object["typ"] { guard type as? String == "JWT" else { throw Refused() } }
    }

    /// Non-empty, `A–Z a–z 0–9 - _` only, and a length that unpadded base64 can have.
    private static func isUnpaddedBase64URL(_ part: Substring) -> Bool {
        !part.isEmpty && part.count % 4 != 1
            && part.unicodeScalars.allSatisfy {
                ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    || $0 == "_"
            }
    }

    private static func decode(_ part: Substring) -> Data? {
        var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
