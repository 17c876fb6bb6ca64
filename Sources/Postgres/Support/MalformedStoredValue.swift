import Domain
import Foundation

/// A value read back from the database that the schema should have made impossible.
struct MalformedStoredValue: Error, CustomStringConvertible {
    let column: String
    let value: String

    var description: String { "malformed value in column \(column): \(value)" }

    /// Reads a `date` column selected as text (`YYYY-MM-DD`).
    static func calendarDate(_ text: String, column: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { throw MalformedStoredValue(column: column, value: text) }
        return date
    }
}

extension MalformedStoredValue {
    /// Reads a `numeric(14,2)` money column.
    static func money(_ decimal: Decimal, column: String) throws -> Money {
        guard let money = Money(exactly: decimal) else {
            throw MalformedStoredValue(column: column, value: "\(decimal)")
        }
        return money
    }

    /// Reads a text column holding one of an enumeration's raw values.
    static func choice<Choice: RawRepresentable<String>>(_ text: String, column: String) throws -> Choice {
        guard let value = Choice(rawValue: text) else { throw MalformedStoredValue(column: column, value: text) }
        return value
    }
}
