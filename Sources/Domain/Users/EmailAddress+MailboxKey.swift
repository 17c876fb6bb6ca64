import Foundation

extension EmailAddress {
    /// The mailbox key of an address read back from storage, without the acceptance rules of `init(parsing:)`.
    ///
    /// It exists because rows stored before those rules must still get a key, so that "one account per mailbox"
    /// can be checked against them. Returns `nil` only when `stored` has no `@`-sign or an `xn--` label that is
    /// not valid Punycode (or, in theory, a domain label thousands of characters long that Punycode cannot
    /// encode). The rules, in order:
    /// 1. NFKC_Casefold (drop default-ignorable code points, NFKC, full case folding, NFKC) on both parts.
    /// 2. Every domain label with non-ASCII letters becomes its A-label (`xn--` + Punycode); `xn--` labels are
    ///    decoded and folded first, so the Unicode and the ASCII spelling of a domain give one key.
    /// 3. Sub-addressing: the local part loses everything from its first `+` on, unless it starts with `+`.
    /// 4. Provider rules from ``MailboxProvider`` (Gmail ignores periods; `googlemail.com` is `gmail.com`).
    public static func mailboxKey(of stored: String) -> String? {
        guard let at = stored.lastIndex(of: "@"),
            let domain = asciiDomain(String(stored[stored.index(after: at)...]))
        else { return nil }
        var local = caseFolded(String(stored[..<at]))
        if let plus = local.firstIndex(of: "+"), plus != local.startIndex {
            local = String(local[..<plus])
        }
        let provider = MailboxProvider.byDomain[domain]
        if provider?.ignoresPeriods == true {
            local.removeAll { $0 == "." }
        }
        return "\(local)@\(provider?.canonicalDomain ?? domain)"
    }

    /// NFKC_Casefold: what Unicode recommends for caseless identifier matching. Foundation's case-insensitive
    /// folding is full case folding (ß → ss, ς → σ, ǅ → ǆ; the tests pin it down), where `lowercased()` and
    /// the `Any-Lower` transform keep ß and ς.
    static func caseFolded(_ text: String) -> String {
        var visible = ""
        visible.unicodeScalars.append(
            contentsOf: text.unicodeScalars.filter { !$0.properties.isDefaultIgnorableCodePoint })
        return visible.precomposedStringWithCompatibilityMapping
            .folding(options: .caseInsensitive, locale: nil)
            .precomposedStringWithCompatibilityMapping
    }

    /// The domain with every label folded and, where it has non-ASCII letters, written as its A-label.
    static func asciiDomain(_ domain: String) -> String? {
        var labels: [String] = []
        for label in caseFolded(domain).split(separator: ".", omittingEmptySubsequences: false) {
            var unicode = String(label)
            if label.hasPrefix(Self.aLabelPrefix) {
                guard let decoded = uLabel(fromALabel: unicode) else { return nil }
                unicode = caseFolded(decoded)
            }
            if unicode.unicodeScalars.allSatisfy(\.isASCII) {
                labels.append(unicode)
            } else {
                guard let encoded = try? Punycode.encode(unicode) else { return nil }
                labels.append(Self.aLabelPrefix + encoded)
            }
        }
        return labels.joined(separator: ".")
    }

    /// The Unicode form of an `xn--` label (prefix in any case), or `nil` when the rest is not Punycode or
    /// decodes to plain ASCII, which IDNA does not allow in an A-label.
    static func uLabel(fromALabel label: String) -> String? {
        guard let decoded = try? Punycode.decode(String(label.dropFirst(Self.aLabelPrefix.count))),
            !decoded.unicodeScalars.allSatisfy(\.isASCII)
        else { return nil }
        return decoded
    }

    static let aLabelPrefix = "xn--"
}
