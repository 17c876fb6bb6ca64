import Domain
import Testing

@Suite struct EmailAddressTests {
    @Test func lowerCasesTheDomainOnly() throws {
        #expect(try EmailAddress(parsing: "Alice@Example.COM").value == "Alice@example.com")
    }

    @Test func trimsAndStripsADisplayName() throws {
        #expect(try EmailAddress(parsing: "  Alice <alice@example.com> ").value == "alice@example.com")
    }

    @Test(arguments: [
        "no-at-sign", "@example.com", "alice@", "alice@localhost", "alice@example.test", "a..b@example.com",
        ".a@example.com", "alice@exa_mple.com", "alice@-example.com", "alice@example.123", "al ice@example.com",
    ])
    func refusesInvalidAddresses(input: String) {
        #expect(throws: EmailAddressError.self) { try EmailAddress(parsing: input) }
    }

    @Test func explainsWhatIsWrong() {
        #expect(throws: EmailAddressError("An email address must have an @-sign.")) {
            try EmailAddress(parsing: "nobody")
        }
    }

    @Test func refusesOverlongInput() {
        let local = String(repeating: "a", count: 65)
        #expect(throws: EmailAddressError.self) { try EmailAddress(parsing: "\(local)@example.com") }
    }

    @Test(arguments: [
        "иван@почта.рф", "josé@example.com", "jose\u{0301}@example.com", "用户@例子.中国", "たなか太郎@example.jp",
        "タナカ@example.jp", "tanakaさん@example.jp", "홍길동@example.kr", "王ㄅㄆ@example.tw", "σοφία@example.gr",
        "кот@example.com", "мама2024@example.com", "alice@bücher.de", "alice@xn--bcher-kva.de", "Ｊｏｓé@example.com",
        "ψ@example.com", "Мария@example.com",
    ])
    func acceptsSingleScriptAddresses(input: String) {
        #expect(throws: Never.self) { try EmailAddress(parsing: input) }
    }

    @Test func keepsTheLocalPartAsTypedInNFC() throws {
        #expect(try EmailAddress(parsing: "Jose\u{0301}@Example.com").value == "Jos\u{E9}@example.com")
    }

    @Test func refusesACyrillicLetterInsideALatinLocalPart() {
        // The first letter is CYRILLIC SMALL LETTER A.
        #expect(
            throws: EmailAddressError(
                "The email address mixes letters from different writing systems (Latin and Cyrillic) before the @-sign."
            )
        ) { try EmailAddress(parsing: "\u{0430}lice@example.com") }
    }

    @Test func refusesAMixedScriptDomainLabelInUnicodeOrPunycode() throws {
        let reason =
            "The email address mixes letters from different writing systems (Latin and Cyrillic) after the @-sign."
        #expect(throws: EmailAddressError(reason)) { try EmailAddress(parsing: "alice@ex\u{0430}mple.com") }
        let aLabel = try Punycode.encode("ex\u{0430}mple")
        #expect(aLabel == "exmple-4nf")
        #expect(throws: EmailAddressError(reason)) { try EmailAddress(parsing: "alice@xn--\(aLabel).com") }
    }

    @Test(arguments: [
        "ivan\u{0434}@example.com",  // Latin + Cyrillic
        "\u{03B1}\u{0430}@example.com",  // Greek + Cyrillic
        "\u{D55C}\u{3042}@example.com",  // Hangul + Hiragana: no East Asian combination has both
        "\u{3105}\u{3042}@example.com",  // Bopomofo + Hiragana
        "alice@\u{05D0}b.com",  // Hebrew + Latin in one label
        "\u{1200}a@example.com",  // Ethiopic (a script the table does not name) + Latin
    ])
    func refusesMixedScripts(input: String) {
        let error = #expect(throws: EmailAddressError.self) { try EmailAddress(parsing: input) }
        #expect(error?.reason.contains("mixes letters from different writing systems") == true)
    }

    @Test func namesEveryWritingSystemOfAMixture() {
        #expect(
            throws: EmailAddressError(
                "The email address mixes letters from different writing systems (Latin, Greek and Cyrillic) before"
                    + " the @-sign.")
        ) { try EmailAddress(parsing: "a\u{03B2}\u{0434}@example.com") }
        #expect(
            throws: EmailAddressError(
                "The email address mixes letters from different writing systems (Latin and block U+1200) before"
                    + " the @-sign.")
        ) { try EmailAddress(parsing: "\u{1200}a@example.com") }
    }

    @Test func allowsScriptsToDifferBetweenParts() throws {
        #expect(try EmailAddress(parsing: "иван@example.com").value == "иван@example.com")
        #expect(try EmailAddress(parsing: "alice@почта.рф").value == "alice@почта.рф")
    }

    @Test(arguments: [
        "\u{0430}\u{043E}\u{0435}@example.com",  // "аое": Cyrillic a, o, e
        "\u{0421}\u{041E}\u{0420}\u{0415}@example.com",  // "СОРЕ": Cyrillic capitals
        "alice@\u{0430}\u{0440}\u{0440}\u{04CF}\u{0435}.com",  // "аррӏе.com"
        "alice@xn--80ak6aa92e.com",  // the same label as an A-label
        "\u{03BA}\u{03B1}\u{03B9}@example.com",  // "και": Greek k, a, i
        "\u{0391}\u{0392}\u{0395}@example.com",  // "ΑΒΕ": Greek capitals
    ])
    func refusesWholeScriptLatinLookalikes(input: String) {
        let error = #expect(throws: EmailAddressError.self) { try EmailAddress(parsing: input) }
        #expect(error?.reason.contains("looks like a Latin-letter address") == true)
    }

    @Test func explainsALookalikeRefusal() {
        #expect(
            throws: EmailAddressError(
                "The email address looks like a Latin-letter address written with Cyrillic letters.")
        ) { try EmailAddress(parsing: "\u{0430}\u{043E}\u{0435}@example.com") }
    }

    @Test func allowsLookalikesUnderATopLevelDomainInTheirScript() throws {
        let cyrillic = "\u{0430}\u{043E}\u{0435}"  // "аое"
        #expect(try EmailAddress(parsing: "\(cyrillic)@почта.рф").value == "\(cyrillic)@почта.рф")
        #expect(try EmailAddress(parsing: "alice@\(cyrillic).рф").value == "alice@\(cyrillic).рф")
        #expect(try EmailAddress(parsing: "alice@\(cyrillic).xn--p1ai").value == "alice@\(cyrillic).xn--p1ai")
        #expect(throws: EmailAddressError.self) { try EmailAddress(parsing: "\(cyrillic)@почта.ru") }
        // "кай": й looks like no Latin letter.
        #expect(throws: Never.self) { try EmailAddress(parsing: "\u{043A}\u{0430}\u{0439}@example.com") }
        // A Cyrillic top-level domain does not excuse Greek look-alikes.
        #expect(throws: EmailAddressError.self) { try EmailAddress(parsing: "\u{03BA}\u{03B1}\u{03B9}@почта.рф") }
    }

    @Test(arguments: [
        "alice@xn--99999999999.com",  // Punycode overflow
        "alice@xn--9.com",  // ends in the middle of a number
        "alice@xn--ls8h.com",  // decodes to an emoji, which is no letter
    ])
    func refusesAnALabelThatIsNotAValidInternationalLabel(input: String) {
        let error = #expect(throws: EmailAddressError.self) { try EmailAddress(parsing: input) }
        #expect(error?.reason.contains("invalid internationalized domain label") == true)
    }

    @Test func explainsAnInvalidALabel() {
        #expect(
            throws: EmailAddressError(
                "The part after the @-sign contains an invalid internationalized domain label: xn--99999999999.")
        ) { try EmailAddress(parsing: "alice@XN--99999999999.com") }
    }
}
