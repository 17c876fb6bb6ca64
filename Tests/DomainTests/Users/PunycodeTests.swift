import Domain
import Testing

@Suite struct PunycodeTests {
    /// RFC 3492 §7.1 sample strings: (Unicode, Punycode), as printed in the RFC.
    static let rfc3492Samples: [(unicode: String, punycode: String)] = [
        // (A) Arabic (Egyptian)
        ("ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"),
        // (B) Chinese (simplified)
        ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
        // (C) Chinese (traditional)
        ("他們爲什麽不說中文", "ihqwctvzc91f659drss3x8bo0yb"),
        // (D) Czech
        ("Pročprostěnemluvíčesky", "Proprostnemluvesky-uyb24dma41a"),
        // (E) Hebrew
        ("למההםפשוטלאמדבריםעברית", "4dbcagdahymbxekheh6e0a7fei0b"),
        // (F) Hindi (Devanagari)
        ("यहलोगहिन्दीक्योंनहींबोलसकतेहैं", "i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd"),
        // (G) Japanese (kanji and hiragana)
        ("なぜみんな日本語を話してくれないのか", "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa"),
        // (H) Korean (Hangul syllables)
        ("세계의모든사람들이한국어를이해한다면얼마나좋을까", "989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c"),
        // (I) Russian (Cyrillic)
        ("почемужеонинеговорятпорусски", "b1abfaaepdrnnbgefbadotcwatmq2g4l"),
        // (J) Spanish
        ("PorquénopuedensimplementehablarenEspañol", "PorqunopuedensimplementehablarenEspaol-fmd56a"),
        // (K) Vietnamese
        ("TạisaohọkhôngthểchỉnóitiếngViệt", "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g"),
        // (L) 3<nen>B<gumi><kinpachi><sensei>
        ("3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"),
        // (M) <amuro><namie>-with-SUPER-MONKEYS
        ("安室奈美恵-with-SUPER-MONKEYS", "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"),
        // (N) Hello-Another-Way-<sorezore><no><basho>
        ("Hello-Another-Way-それぞれの場所", "Hello-Another-Way--fc4qua05auwb3674vfr0b"),
        // (O) <hitotsu><yane><no><shita>2
        ("ひとつ屋根の下2", "2-u9tlzr9756bt3uc0v"),
        // (P) Maji<de>Koi<suru>5<byou><mae>
        ("MajiでKoiする5秒前", "MajiKoi5-783gue6qz075azm5e"),
        // (Q) <pafii>de<runba>
        ("パフィーdeルンバ", "de-jg4avhby1noc0d"),
        // (R) <sono><supiido><de>
        ("そのスピードで", "d9juau41awczczp"),
        // (S) -> $1.00 <-
        ("-> $1.00 <-", "-> $1.00 <--"),
    ]

    @Test(arguments: rfc3492Samples)
    func encodesTheRFC3492Samples(sample: (unicode: String, punycode: String)) throws {
        #expect(try Punycode.encode(sample.unicode) == sample.punycode)
    }

    @Test(arguments: rfc3492Samples)
    func decodesTheRFC3492Samples(sample: (unicode: String, punycode: String)) throws {
        #expect(try Punycode.decode(sample.punycode) == sample.unicode)
    }

    @Test(arguments: [("bücher", "bcher-kva"), ("münchen", "mnchen-3ya"), ("mañana", "maana-pta"), ("例子", "fsqu00a")])
    func roundTripsDomainLabels(unicode: String, punycode: String) throws {
        #expect(try Punycode.encode(unicode) == punycode)
        #expect(try Punycode.decode(punycode) == unicode)
    }

    @Test func readsDigitsInEitherCaseAndKeepsTheCaseOfBasicLetters() throws {
        #expect(try Punycode.decode("BCHER-KVA") == "BüCHER")
        #expect(try Punycode.decode("bcher-KvA") == "bücher")
    }

    @Test func encodesPlainASCIIWithATrailingDelimiter() throws {
        #expect(try Punycode.encode("abc") == "abc-")
        #expect(try Punycode.decode("abc-") == "abc")
        #expect(try Punycode.encode("") == "")
    }

    @Test(arguments: [
        "bcher-kv!",  // "!" is not a Punycode digit
        "bcher-kvä",  // nor is "ä"
        "bücher-kva",  // a non-ASCII code point before the last delimiter
        "9",  // input ends in the middle of a number
        "-abc",  // a leading "-" is no delimiter, and not a digit
        "en32g",  // decodes to 0x110000, beyond Unicode
        "ib9b",  // decodes to 0xD800, a surrogate
    ])
    func refusesWhatIsNotPunycode(input: String) {
        #expect(throws: PunycodeError.invalidInput) { try Punycode.decode(input) }
    }

    @Test func detectsOverflowWhileDecoding() {
        // Digits whose weights grow past 2³¹ − 1 before the number ends.
        #expect(throws: PunycodeError.overflow) { try Punycode.decode("99999999999") }
        // A number that fits (2³¹ − 100) but pushes the code point past 2³¹ − 1 once added to 0x80.
        #expect(throws: PunycodeError.overflow) { try Punycode.decode("2116146o") }
    }

    @Test func detectsOverflowWhileEncoding() {
        let huge = String(repeating: "a", count: 3000) + "\u{10FFFF}"
        #expect(throws: PunycodeError.overflow) { try Punycode.encode(huge) }
    }
}
