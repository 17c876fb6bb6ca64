import Foundation

/// A syntactically valid e-mail address in normalised form (domain lower-cased, local part kept as typed).
///
/// The rules follow the `email-validator` behaviour the spec describes: trimmed input, an optional
/// display-name form, a dotted domain and no special-use top-level names. Deliverability is not checked.
/// On top of them, addresses that mix writing systems or imitate Latin letters with Cyrillic or Greek ones
/// are refused, and ``mailboxKey`` names the mailbox so that one mailbox can hold only one account.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The normalised address, as stored and displayed: local part as typed (in NFC), domain lower-cased.
    public let value: String

    /// The canonical identity of the mailbox the address reaches, with an ASCII-only domain.
    ///
    /// Two addresses with the same key are one account: it ignores case and compatibility forms (fullwidth
    /// letters, ligatures), the Unicode-or-`xn--` spelling of the domain, `+tags` and provider quirks such as
    /// Gmail's periods, so `Alice.Smith+x@GoogleMail.com` is keyed `alicesmith@gmail.com`. See
    /// ``mailboxKey(of:)`` for the rules.
    public let mailboxKey: String

    /// Validates and normalises; the error's text completes "value is not a valid email address: …".
    ///
    /// `refusingLookalikes` applies the writing-system rules, for addresses about to be stored (registration).
    /// Looking an account up (login) passes `false`, so an account registered before those rules can still sign in.
    public init(parsing input: String, refusingLookalikes: Bool = true) throws(EmailAddressError) {
        guard input.count <= 2048 else { throw EmailAddressError("The email address is too long.") }
        let address = Self.stripDisplayName(input.trimmingCharacters(in: .whitespacesAndNewlines))
        guard let at = address.lastIndex(of: "@") else {
            throw EmailAddressError("An email address must have an @-sign.")
        }
        let local = String(address[..<at])
        let domain = String(address[address.index(after: at)...]).lowercased()
        try Self.validateLocalPart(local)
        try Self.validateDomain(domain)
        let normalised = "\(local.precomposedStringWithCanonicalMapping)@\(domain)"
        guard normalised.utf8.count <= 254 else { throw EmailAddressError("The email address is too long.") }
        if refusingLookalikes {
            try Self.validateWritingSystems(local: local, labels: Self.unicodeLabels(of: domain))
        }
        guard let key = Self.mailboxKey(of: normalised) ?? (refusingLookalikes ? nil : normalised.lowercased()) else {
            throw EmailAddressError("The part after the @-sign is not valid.")
        }
        // Compatibility forms can expand a lot (one ligature becomes 18 letters): keep the key indexable.
        guard key.utf8.count <= Self.maximumKeyBytes else { throw EmailAddressError("The email address is too long.") }
        self.value = normalised
        self.mailboxKey = key
    }

    /// The longest mailbox key accepted, in bytes: far above any real address, far below PostgreSQL's index limit.
    static let maximumKeyBytes = 512

    /// Wraps a value read back from storage, where it was validated on the way in (perhaps under older rules).
    ///
    /// The mailbox key is computed by ``mailboxKey(of:)``, falling back to the lower-cased value for a stored
    /// value it cannot key.
    /// `storedKey` is the key stored beside it, when there is one: computing it again (Unicode folding, IDNA) cost
    /// a measurable share of every authenticated request, which reads the caller's row (ADR 032).
    public init(trusted value: String, storedKey: String? = nil) {
        self.value = value
        self.mailboxKey = storedKey ?? Self.mailboxKey(of: value) ?? value.lowercased()
    }

    public var description: String { value }

    private static func stripDisplayName(_ text: String) -> String {
        guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else { return text }
        return String(text[text.index(after: open)..<text.index(before: text.endIndex)])
    }

    private static let localSpecials = Set("!#$%&'*+-/=?^_`{|}~.")

    private static func validateLocalPart(_ local: String) throws(EmailAddressError) {
        guard !local.isEmpty else { throw EmailAddressError("There must be something before the @-sign.") }
        guard local.utf8.count <= 64 else {
            throw EmailAddressError("The email address is too long before the @-sign.")
        }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
            throw EmailAddressError("The email address contains a period in an invalid position.")
        }
        let invalid = local.filter { char in
            !(char.isLetter || char.isNumber || localSpecials.contains(char)) || char.isWhitespace
        }
        guard invalid.isEmpty else {
            throw EmailAddressError("The email address contains invalid characters before the @-sign: \(invalid).")
        }
    }

    private static let specialUseTLDs: Set<String> = ["test", "local", "localhost", "invalid", "onion", "arpa"]

    private static func validateDomain(_ domain: String) throws(EmailAddressError) {
        guard !domain.isEmpty else { throw EmailAddressError("There must be something after the @-sign.") }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else {
            throw EmailAddressError("The part after the @-sign is not valid. It should have a period.")
        }
        for label in labels {
            guard !label.isEmpty else {
                throw EmailAddressError("An email address cannot have a period in an invalid position.")
            }
            guard label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
            else {
                throw EmailAddressError("The part after the @-sign contains invalid characters.")
            }
        }
        let tld = String(labels[labels.count - 1])
        guard !tld.allSatisfy(\.isNumber) else {
            throw EmailAddressError(
                "The part after the @-sign is not valid. It is not within a valid top-level domain.")
        }
        guard !specialUseTLDs.contains(tld) else {
            throw EmailAddressError(
                "The part after the @-sign is a special-use or reserved name that cannot be used with email.")
        }
    }
}

/// Why an e-mail address was refused.
public struct EmailAddressError: Error, Equatable, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}
