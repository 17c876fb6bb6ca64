import Domain

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
