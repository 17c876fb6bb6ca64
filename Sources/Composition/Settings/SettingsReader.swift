import Foundation

/// Turns raw setting strings into typed values with errors that name the variable.
struct SettingsReader {
    let source: SettingsSource

    func string(_ variable: String, default defaultValue: String) -> String {
        source.value(variable) ?? defaultValue
    }

    func optional(_ variable: String) -> String? { source.value(variable) }

    func required(_ variable: String) throws -> String {
        guard let value = source.value(variable) else { throw SettingsError(variable, "is required but not set") }
        return value
    }

    func int(_ variable: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = source.value(variable) else { return defaultValue }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw SettingsError(
                variable, "must be an integer in \(range.lowerBound)...\(range.upperBound) (got '\(text)')")
        }
        return value
    }

    func decimal(_ variable: String, default defaultValue: Decimal) throws -> Decimal {
        guard let text = source.value(variable) else { return defaultValue }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value >= 0 else {
            throw SettingsError(variable, "must be a non-negative number (got '\(text)')")
        }
        return value
    }

    func bool(_ variable: String, default defaultValue: Bool) throws -> Bool {
        guard let text = source.value(variable) else { return defaultValue }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw SettingsError(variable, "must be true or false (got '\(text)')")
        }
    }

    func choice<Choice: RawRepresentable<String> & CaseIterable>(_ variable: String, default defaultValue: Choice)
        throws -> Choice
    {
        guard let text = source.value(variable) else { return defaultValue }
        guard let value = Choice(rawValue: text.lowercased()) ?? Choice(rawValue: text) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw SettingsError(variable, "must be one of \(allowed) (got '\(text)')")
        }
        return value
    }
}
