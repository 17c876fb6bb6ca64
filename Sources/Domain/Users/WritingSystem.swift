/// The writing system (Unicode script) a letter belongs to, as far as the e-mail address rules need one.
///
/// It exists so an address that mixes scripts (`pаypal` with a Cyrillic `а`) can be refused. Swift has no
/// Unicode script property, so a letter's writing system is read off its Unicode block: the table below names
/// the blocks of the scripts addresses are commonly written in, and any other letter is keyed by the start of
/// its block. Where a block holds letters of another script the table says so; checked against Unicode 14's
/// Script_Extensions, it disagrees only on a few Vedic signs and on compatibility letters NFKC replaces anyway.
enum WritingSystem: Hashable, Comparable, Sendable, CustomStringConvertible {
    case latin, greek, cyrillic, armenian, hebrew, arabic
    case devanagari, bengali, gurmukhi, gujarati, oriya, tamil, telugu, kannada, malayalam, sinhala
    case thai, georgian, hangul, hiragana, katakana, bopomofo, han
    /// A letter of a script the table does not name, keyed by the first code point of its Unicode block.
    case other(blockStart: UInt32)

    /// The writing system of a letter; `nil` for anything that is not a letter (digits, punctuation, combining
    /// marks) and for the few letters every script shares, which TR39 counts as Common or Inherited.
    init?(of scalar: Unicode.Scalar) {
        guard Self.letterCategories.contains(scalar.properties.generalCategory) else { return nil }
        let value = scalar.value
        if Self.commonLetters.contains(where: { $0.contains(value) }) { return nil }
        if let named = Self.namedBlocks.first(where: { $0.range.contains(value) }) {
            self = named.system
        } else {
            self = .other(blockStart: UnicodeBlocks.start(of: value))
        }
    }

    /// The writing systems of the letters of `text`, each once, in the order the cases are declared.
    static func systems(in text: some StringProtocol) -> [WritingSystem] {
        Set(text.unicodeScalars.compactMap(WritingSystem.init(of:))).sorted()
    }

    /// Whether letters from `systems` may appear together in one local part or one domain label: TR39's
    /// "highly restrictive" level, i.e. a single script, or one of the combinations East Asian writing uses.
    static func mayBeMixed(_ systems: [WritingSystem]) -> Bool {
        systems.count <= 1 || allowedCombinations.contains { Set(systems).isSubset(of: $0) }
    }

    var description: String {
        switch self {
        case .latin: "Latin"
        case .greek: "Greek"
        case .cyrillic: "Cyrillic"
        case .armenian: "Armenian"
        case .hebrew: "Hebrew"
        case .arabic: "Arabic"
        case .devanagari: "Devanagari"
        case .bengali: "Bengali"
        case .gurmukhi: "Gurmukhi"
        case .gujarati: "Gujarati"
        case .oriya: "Oriya"
        case .tamil: "Tamil"
        case .telugu: "Telugu"
        case .kannada: "Kannada"
        case .malayalam: "Malayalam"
        case .sinhala: "Sinhala"
        case .thai: "Thai"
        case .georgian: "Georgian"
        case .hangul: "Hangul"
        case .hiragana: "Hiragana"
        case .katakana: "Katakana"
        case .bopomofo: "Bopomofo"
        case .han: "Han"
        case .other(let blockStart): "block U+\(Self.hex(blockStart))"
        }
    }

    /// TR39 "highly restrictive": besides a single script, Latin with Japanese, Chinese or Korean writing.
    private static let allowedCombinations: [Set<WritingSystem>] = [
        [.latin, .han, .hiragana, .katakana],
        [.latin, .han, .bopomofo],
        [.latin, .han, .hangul],
    ]

    private static let letterCategories: Set<Unicode.GeneralCategory> = [
        .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
    ]

    /// Letters that belong to no one script: the spacing modifier letters (ʹ ʼ ˆ …), which Unicode assigns to
    /// Common or shares between Latin, Greek and Cyrillic, and so cannot make an address mixed.
    private static let commonLetters: [ClosedRange<UInt32>] = [0x02B0...0x02FF]

    /// Which blocks hold which writing system; the first range that contains a letter wins. Ranges are whole
    /// Unicode blocks unless a comment says otherwise; compatibility blocks (fullwidth, presentation forms, ligatures) are listed for completeness, although
    /// the address rules classify text after NFKC has already folded most of them into the base blocks.
    private static let namedBlocks: [(range: ClosedRange<UInt32>, system: WritingSystem)] = [
        (0x0000...0x007F, .latin),  // Basic Latin
        (0x0080...0x00FF, .latin),  // Latin-1 Supplement (ª º À–ÿ)
        (0x0100...0x024F, .latin),  // Latin Extended-A and -B
        (0x0250...0x02AF, .latin),  // IPA Extensions
        (0x1D26...0x1D2A, .greek),  // Small capital Greek letters (part of Phonetic Extensions)
        (0x1D2B...0x1D2B, .cyrillic),  // Small capital Cyrillic el (part of Phonetic Extensions)
        (0x1D5D...0x1D61, .greek),  // Modifier Greek letters (part of Phonetic Extensions)
        (0x1D66...0x1D6A, .greek),  // Subscript Greek letters (part of Phonetic Extensions)
        (0x1D78...0x1D78, .cyrillic),  // Modifier Cyrillic en (part of Phonetic Extensions)
        (0x1DBF...0x1DBF, .greek),  // Modifier Greek theta (part of Phonetic Extensions Supplement)
        (0x1D00...0x1DBF, .latin),  // Phonetic Extensions and their Supplement, but for the letters above
        (0x1E00...0x1EFF, .latin),  // Latin Extended Additional
        (0x2070...0x209F, .latin),  // Superscript and subscript letters ⁱ ⁿ ₐ … (Superscripts and Subscripts)
        (0x2132...0x2132, .latin),  // Turned capital F (part of Letterlike Symbols)
        (0x214E...0x214E, .latin),  // Turned small f (part of Letterlike Symbols)
        (0x2183...0x2184, .latin),  // Reversed c (part of Number Forms)
        (0x2C60...0x2C7F, .latin),  // Latin Extended-C
        (0xA720...0xA7FF, .latin),  // Latin Extended-D
        (0xAB30...0xAB6F, .latin),  // Latin Extended-E
        (0xFB00...0xFB06, .latin),  // Latin ligatures ﬀ ﬁ ﬂ … (part of Alphabetic Presentation Forms)
        (0xFF21...0xFF5A, .latin),  // Fullwidth Latin letters (part of Halfwidth and Fullwidth Forms)
        (0x1_0780...0x1_07BF, .latin),  // Latin Extended-F
        (0x1_DF00...0x1_DFFF, .latin),  // Latin Extended-G
        (0x03E2...0x03EF, .other(blockStart: 0x2C80)),  // Coptic letters in Greek and Coptic: keyed as Coptic
        (0x0370...0x03FF, .greek),  // Greek and Coptic, but for the Coptic letters above
        (0x1F00...0x1FFF, .greek),  // Greek Extended
        (0x0400...0x04FF, .cyrillic),  // Cyrillic
        (0x0500...0x052F, .cyrillic),  // Cyrillic Supplement
        (0x1C80...0x1C8F, .cyrillic),  // Cyrillic Extended-C
        (0x2DE0...0x2DFF, .cyrillic),  // Cyrillic Extended-A
        (0xA640...0xA69F, .cyrillic),  // Cyrillic Extended-B
        (0x1_E030...0x1_E08F, .cyrillic),  // Cyrillic Extended-D
        (0x0530...0x058F, .armenian),  // Armenian
        (0xFB13...0xFB17, .armenian),  // Armenian ligatures (part of Alphabetic Presentation Forms)
        (0x0590...0x05FF, .hebrew),  // Hebrew
        (0xFB1D...0xFB4F, .hebrew),  // Hebrew presentation forms (part of Alphabetic Presentation Forms)
        (0x0600...0x06FF, .arabic),  // Arabic
        (0x0750...0x077F, .arabic),  // Arabic Supplement
        (0x0870...0x08FF, .arabic),  // Arabic Extended-B and -A
        (0xFB50...0xFDFF, .arabic),  // Arabic Presentation Forms-A
        (0xFE70...0xFEFF, .arabic),  // Arabic Presentation Forms-B
        (0x1_0EC0...0x1_0EFF, .arabic),  // Arabic Extended-C
        (0x1_EE00...0x1_EEFF, .arabic),  // Arabic Mathematical Alphabetic Symbols
        (0x0900...0x097F, .devanagari),  // Devanagari
        (0xA8E0...0xA8FF, .devanagari),  // Devanagari Extended
        (0x1_1B00...0x1_1B5F, .devanagari),  // Devanagari Extended-A
        (0x0980...0x09FF, .bengali),  // Bengali
        (0x0A00...0x0A7F, .gurmukhi),  // Gurmukhi
        (0x0A80...0x0AFF, .gujarati),  // Gujarati
        (0x0B00...0x0B7F, .oriya),  // Oriya
        (0x0B80...0x0BFF, .tamil),  // Tamil
        (0x1_1FC0...0x1_1FFF, .tamil),  // Tamil Supplement
        (0x0C00...0x0C7F, .telugu),  // Telugu
        (0x0C80...0x0CFF, .kannada),  // Kannada
        (0x0D00...0x0D7F, .malayalam),  // Malayalam
        (0x0D80...0x0DFF, .sinhala),  // Sinhala
        (0x0E00...0x0E7F, .thai),  // Thai
        (0x10A0...0x10FF, .georgian),  // Georgian
        (0x1C90...0x1CBF, .georgian),  // Georgian Extended
        (0x2D00...0x2D2F, .georgian),  // Georgian Supplement
        (0x1100...0x11FF, .hangul),  // Hangul Jamo
        (0x3130...0x318F, .hangul),  // Hangul Compatibility Jamo
        (0xA960...0xA97F, .hangul),  // Hangul Jamo Extended-A
        (0xAC00...0xD7FF, .hangul),  // Hangul Syllables, Hangul Jamo Extended-B
        (0xFFA0...0xFFDC, .hangul),  // Halfwidth Hangul (part of Halfwidth and Fullwidth Forms)
        (0x3031...0x3035, .hiragana),  // Kana repeat marks 〱–〵 (part of CJK Symbols and Punctuation)
        (0x3040...0x309F, .hiragana),  // Hiragana
        (0x1_B001...0x1_B11F, .hiragana),  // Hentaigana and archaic hiragana (Kana Supplement, Extended-A)
        (0x1_B132...0x1_B132, .hiragana),  // Small hiragana ko (Small Kana Extension)
        (0x1_B150...0x1_B152, .hiragana),  // Small hiragana wi, we, wo (Small Kana Extension)
        (0x30A0...0x30FF, .katakana),  // Katakana
        (0x31F0...0x31FF, .katakana),  // Katakana Phonetic Extensions
        (0xFF66...0xFF9F, .katakana),  // Halfwidth Katakana (part of Halfwidth and Fullwidth Forms)
        (0x1_AFF0...0x1_AFFF, .katakana),  // Kana Extended-B
        (0x1_B000...0x1_B000, .katakana),  // Katakana archaic e (Kana Supplement)
        (0x1_B120...0x1_B16F, .katakana),  // Archaic and small katakana (Kana Extended-A, Small Kana Extension)
        (0x3100...0x312F, .bopomofo),  // Bopomofo
        (0x31A0...0x31BF, .bopomofo),  // Bopomofo Extended
        (0x3005...0x3006, .han),  // 々 〆 (part of CJK Symbols and Punctuation)
        (0x303B...0x303C, .han),  // 〻 〼 (part of CJK Symbols and Punctuation)
        (0x3400...0x4DBF, .han),  // CJK Unified Ideographs Extension A
        (0x4E00...0x9FFF, .han),  // CJK Unified Ideographs
        (0xF900...0xFAFF, .han),  // CJK Compatibility Ideographs
        (0x2_0000...0x3_FFFF, .han),  // Planes 2 and 3: CJK Unified Ideographs Extensions B–I and compatibility
    ]

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
