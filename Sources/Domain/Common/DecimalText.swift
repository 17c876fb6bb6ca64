public import Foundation

/// Text forms of exact decimals that are not money (percentages, caps, offer amounts).
public enum DecimalText {
    /// Parses a plain decimal literal (`"7.5"`, `"-3"`, `"1e2"` refused) without a floating-point step.
    public static func parse(_ text: String) -> Decimal? {
        let body = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            parts.count == 1 || !parts[1].isEmpty, body.count <= 38
        else { return nil }
        let digits = parts.joined()
        guard digits.count <= maximumExactDigits else {
            return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        }
        // Built from the digits: `Decimal(string:locale:)` looks its locale up in ICU on every call, a measurable
        // part of decoding each purchase (ADR 032). Up to 19 digits fit a UInt64 exactly.
        let significand = digits.utf8.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) }
        guard significand != 0 else { return Decimal.zero }
        return Decimal(
            sign: text.hasPrefix("-") ? .minus : .plus, exponent: -(parts.count == 2 ? parts[1].count : 0),
            significand: Decimal(significand))
    }

    /// The most digits whose value always fits a UInt64 (its maximum has 20 digits).
    private static let maximumExactDigits = 19

    /// The way the original service printed a float: whole numbers keep a `.0` (`20.0`, `-5.0`, `7.5`).
    public static func floatStyle(_ value: Decimal) -> String {
        let plain = plainString(value)
        return plain.contains(".") ? plain : plain + ".0"
    }

    /// Shortest plain-notation form (`7.5`, `20`, `0.005`), never scientific notation.
    public static func plainString(_ value: Decimal) -> String {
        var copy = value
        return NSDecimalString(&copy, Locale(identifier: "en_US_POSIX"))
    }
}
