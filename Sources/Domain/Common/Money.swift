public import Foundation

/// An exact amount of euros with two decimals, kept as integer cents so arithmetic never rounds.
///
/// Money crosses every boundary as text (`"100.50"`) or as `NUMERIC(14,2)`; it never becomes a `Double`.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in cents.
    public let minorUnits: Int64

    /// The largest amount the API accepts (`NUMERIC(12,2)` in the original: 9999999999.99).
    public static let maximum = Money(minorUnits: 999_999_999_999)
    public static let zero = Money(minorUnits: 0)

    public init(minorUnits: Int64) { self.minorUnits = minorUnits }

    /// Parses `"12"`, `"12.5"`, `"-0.25"` exactly; refuses more than two decimals, exponents and junk.
    public init?(exactly text: String) {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
            whole.utf8.count <= 16, whole.allSatisfy(\.isASCIIDigit)
        else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty,
            let units = Int64(whole)
        else { return nil }
        let cents = Int64(String(fraction).padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        let (scaled, overflow) = units.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        self.minorUnits = negative ? -(scaled + cents) : scaled + cents
    }

    /// Converts an exact decimal that has at most two fractional digits.
    public init?(exactly decimal: Decimal) {
        var scaled = decimal * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        let cents = NSDecimalNumber(decimal: rounded).int64Value
        guard rounded == scaled, Decimal(cents) == rounded else { return nil }
        self.minorUnits = cents
    }

    /// Rounds a decimal to cents with round-half-even, the rule the spec uses for cashback.
    public init(roundingHalfEven decimal: Decimal) {
        var scaled = decimal * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .bankers)
        self.minorUnits = NSDecimalNumber(decimal: rounded).int64Value
    }

    /// The same amount as a `Decimal` with exponent −2.
    public var decimal: Decimal {
        Decimal(sign: minorUnits < 0 ? .minus : .plus, exponent: -2, significand: Decimal(minorUnits.magnitude))
    }

    /// Always two fractional digits: `"0.00"`, `"12.30"`, `"-5.00"`.
    public var description: String {
        let magnitude = minorUnits.magnitude
        let cents = magnitude % 100
        return "\(minorUnits < 0 ? "-" : "")\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(minorUnits: lhs.minorUnits + rhs.minorUnits) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(minorUnits: lhs.minorUnits - rhs.minorUnits) }
}

extension Character {
    /// `0`–`9` only; `isNumber` would also accept other scripts' digits and fractions.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
