import Domain
import Foundation

/// The API's text forms for timestamps (docs/api.md, conventions).
enum WireFormat {
    /// `2026-03-06T13:34:26.363606Z`, fractional seconds only when non-zero (columns with a time zone).
    static func utcTimestamp(_ date: Date) -> String { naiveTimestamp(date) + "Z" }

    /// The same without a zone designator (columns the original stored without time zone; values are UTC).
    static func naiveTimestamp(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = micros.quotientAndRemainder(dividingBy: 1_000_000)
        let wholeSeconds = seconds.remainder < 0 ? seconds.quotient - 1 : seconds.quotient
        let fraction = seconds.remainder < 0 ? seconds.remainder + 1_000_000 : seconds.remainder
        let (days, secondOfDay) = wholeSeconds.quotientAndRemainder(dividingBy: 86_400)
        let (dayIndex, second) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        let day = CalendarDate(daysSinceEpoch: Int(dayIndex)).description
        let time = [second / 3_600, second % 3_600 / 60, second % 60].map { pad(Int($0), 2) }.joined(separator: ":")
        return "\(day)T\(time)" + (fraction == 0 ? "" : "." + pad(Int(fraction), 6))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
