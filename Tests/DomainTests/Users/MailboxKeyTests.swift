import Domain
import Testing

@Suite struct MailboxKeyTests {
    private func key(_ input: String) throws -> String { try EmailAddress(parsing: input).mailboxKey }

    @Test(arguments: [
        "alice@clicknback.com", "Alice@clicknback.com", "ALICE@CLICKNBACK.COM", " Alice <alice@ClicknBack.com> ",
        "Ａｌｉｃｅ@clicknback.com",  // fullwidth letters
        "alice@ｃｌｉｃｋｎｂａｃｋ.com",  // fullwidth domain
        "alice+promo@clicknback.com", "Alice+Promo+2024@clicknback.com", "alice+@clicknback.com",
    ])
    func collapsesSpellingsOfOneMailbox(input: String) throws {
        #expect(try key(input) == "alice@clicknback.com")
    }

    @Test func foldsLigaturesAndSharpS() throws {
        #expect(try key("ﬁona@example.com") == "fiona@example.com")
        #expect(try key("FIONA@example.com") == "fiona@example.com")
        for spelling in ["straße@example.de", "STRASSE@example.de", "STRAẞE@example.de", "Strasse@example.de"] {
            #expect(try key(spelling) == "strasse@example.de")
        }
    }

    @Test func foldsGreekFinalSigmaAndTitlecaseLetters() throws {
        #expect(try key("ΟΔΥΣΣΕΥΣ@example.gr") == key("οδυσσευς@example.gr"))
        #expect(try key("ǅemal@example.com") == "d\u{17E}emal@example.com")
        #expect(try key("DŽEMAL@example.com") == "d\u{17E}emal@example.com")
    }

    @Test(arguments: [
        "alice@bücher.de", "alice@BÜCHER.de", "alice@Bu\u{0308}cher.de", "alice@xn--bcher-kva.de",
        "alice@XN--BCHER-KVA.de", "alice@Xn--bCHer-KvA.DE",
        "alice@xn--Bcher-kva.de",  // mixed-case annotation: decodes to "Bücher", folds to "bücher"
    ])
    func keysAnInternationalDomainByItsALabel(input: String) throws {
        #expect(try key(input) == "alice@xn--bcher-kva.de")
    }

    @Test func keysNonCanonicalPunycodeLikeTheCanonicalForm() throws {
        // Punycode of the decomposed spelling "bu\u{0308}cher" is another A-label for the same domain.
        let decomposed = try Punycode.encode("bu\u{0308}cher")
        #expect(decomposed != "bcher-kva")
        #expect(try key("alice@xn--\(decomposed).de") == "alice@xn--bcher-kva.de")
    }

    @Test func keysEveryNonASCIILabel() throws {
        #expect(try key("hans@MÜNCHEN.de") == "hans@xn--mnchen-3ya.de")
        #expect(try key("用户@例子.中国") == "用户@xn--fsqu00a.xn--fiqs8s")
        #expect(try key("иван@почта.рф") == "иван@xn--80a1acny.xn--p1ai")
    }

    @Test(arguments: [
        "alicesmith@gmail.com", "Alice.Smith+x@GoogleMail.com", "a.l.i.c.e.s.m.i.t.h@gmail.com",
        "AliceSmith+news@GMAIL.COM", "alice.smith@googlemail.com",
    ])
    func appliesGmailRules(input: String) throws {
        #expect(try key(input) == "alicesmith@gmail.com")
    }

    @Test(arguments: [
        ("alice@a.com", "alice@b.com"),
        ("alice.smith@example.com", "alicesmith@example.com"),  // periods only matter outside Gmail
        ("alice@example.com", "bob@example.com"),
        ("alice@gmail.com", "alice@gmail.co"),
        ("alice@xn--bcher-kva.de", "alice@bucher.de"),
        ("+alice@example.com", "alice@example.com"),
    ])
    func keepsDifferentMailboxesApart(first: String, second: String) throws {
        #expect(try key(first) != key(second))
    }

    @Test func keepsALocalPartThatStartsWithPlus() throws {
        #expect(try key("+alice@example.com") == "+alice@example.com")
        #expect(try key("+Alice+x@example.com") == "+alice+x@example.com")
    }

    @Test func keepsTheDisplayedValueAsTyped() throws {
        let address = try EmailAddress(parsing: "Alice.Smith+x@GoogleMail.com")
        #expect(address.value == "Alice.Smith+x@googlemail.com")
        #expect(address.mailboxKey == "alicesmith@gmail.com")
    }

    @Test(arguments: [
        "Alice+x@Example.COM", "alice@bücher.de", "Ａｌｉｃｅ@clicknback.com", "Alice.Smith@googlemail.com",
    ])
    func keysAStoredValueLikeTheParsedOne(input: String) throws {
        let parsed = try EmailAddress(parsing: input)
        #expect(EmailAddress.mailboxKey(of: parsed.value) == parsed.mailboxKey)
        #expect(EmailAddress(trusted: parsed.value) == parsed)
    }

    @Test func keysStoredValuesTheParserWouldNowRefuse() {
        // Mixed scripts (a Cyrillic "а") and a whole-script look-alike predate the acceptance rules.
        #expect(EmailAddress.mailboxKey(of: "P\u{0430}ypal+x@example.com") == "p\u{0430}ypal@example.com")
        #expect(
            EmailAddress.mailboxKey(of: "\u{0430}\u{043E}\u{0435}@example.com")
                == "\u{0430}\u{043E}\u{0435}@example.com")
        #expect(EmailAddress.mailboxKey(of: "alice@localhost") == "alice@localhost")
        #expect(EmailAddress.mailboxKey(of: "ali\u{00AD}ce@example.com") == "alice@example.com")  // default-ignorable
        #expect(EmailAddress(trusted: "Alice+x@Example.com").mailboxKey == "alice@example.com")
    }

    @Test(arguments: ["no-at-sign", "alice@xn--99999999999.com", "alice@xn--abc-.com", "alice@xn--b!cher.de"])
    func cannotKeyWhatHasNoAtSignOrNoValidALabel(stored: String) {
        #expect(EmailAddress.mailboxKey(of: stored) == nil)
    }

    @Test func fallsBackToTheLowerCasedValueForAnUnkeyableStoredValue() {
        #expect(EmailAddress(trusted: "No-At-Sign").mailboxKey == "no-at-sign")
    }
}

@Suite struct MailboxKeyLengthTests {
    @Test func anAddressWhoseKeyWouldExpandBeyondAnIndexEntryIsTooLong() {
        let label = String(repeating: "a", count: 60)
        let expanding = String(repeating: "\u{FDFA}", count: 21) + "@\(label).\(label).\(label).com"
        #expect(throws: EmailAddressError("The email address is too long.")) { try EmailAddress(parsing: expanding) }
    }
}
