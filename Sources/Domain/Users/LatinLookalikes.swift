/// Cyrillic and Greek letters that render like Latin letters.
///
/// It exists for Chrome's whole-script rule: `аррӏе` typed entirely in Cyrillic mixes no scripts, yet reads as
/// "apple". A local part or domain label whose letters all come from one of these sets is refused, unless the
/// top-level domain is written in that script (`.рф`), where readers expect Cyrillic.
///
/// The sets are case-sensitive, because the local part is displayed as typed. Lower-case Cyrillic is Chrome's
/// list (`cyrillic_letters_latin_alike_` in `idn_spoof_checker.cc`); lower-case Greek is the letters whose usual
/// glyph is a Latin letter's; upper-case letters are those drawn like Latin capitals in common fonts.
/// Lower-case в к м н т are left out on purpose: they are shaped like small capitals (ʙ ᴋ ᴍ ʜ ᴛ), not like
/// Latin letters, and counting them would refuse ordinary Russian words such as "мама" or "тот".
enum LatinLookalikes {
    /// The writing system whose Latin look-alikes make up every letter of `text`; `nil` when `text` has no
    /// letters or has one that does not look Latin.
    static func imitatingScript(of text: some StringProtocol) -> WritingSystem? {
        let letters = text.unicodeScalars.filter { WritingSystem(of: $0) != nil }
        guard !letters.isEmpty else { return nil }
        return lookalikes.first { letters.allSatisfy($0.letters.contains) }?.system
    }

    private static let lookalikes: [(system: WritingSystem, letters: Set<Unicode.Scalar>)] = [
        (.cyrillic, cyrillic),
        (.greek, greek),
    ]

    private static let cyrillic = scalars(
        // а ы с ԁ е ԍ һ і ю ј ӏ о р ԗ ԛ ѕ ԝ х у ъ ь ҽ п г ѵ ѡ — a bl c d e g h i io j l o p rh q s w x y b b e n r v w
        "аысԁеԍһіюјӏорԗԛѕԝхуъьҽпгѵѡ"
            // А В С Е Н І Ј К М О Р Ѕ Т Х У Ү Ԛ Ԝ Һ Ӏ Ь Ԍ — A B C E H I J K M O P S T X Y Y Q W H I b G
            + "АВСЕНІЈКМОРЅТХУҮԚԜҺӀЬԌ")

    private static let greek = scalars(
        // α γ ι κ ν ο ρ τ υ χ ω ϳ — a y i k v o p t u x w j
        "αγικνορτυχωϳ"
            // Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ Ϳ — A B E Z H I K M N O P T Y X J
            + "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧͿ")

    private static func scalars(_ letters: String) -> Set<Unicode.Scalar> { Set(letters.unicodeScalars) }
}
