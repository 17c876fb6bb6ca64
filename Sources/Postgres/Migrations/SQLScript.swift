/// Splits a migration file into statements, because PostgreSQL's extended protocol (the only one PostgresNIO
/// speaks) runs one statement per query. Understands `--` and `/* */` comments, quoted strings and
/// identifiers, and dollar-quoted bodies (`$$ … $$`, `$fn$ … $fn$`), so semicolons inside them do not split.
import Foundation

enum SQLScript {
    static func statements(in sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var scanner = Array(sql.unicodeScalars)[...]
        while let scalar = scanner.first {
            if scalar == ";" {
                scanner.removeFirst()
                appendTrimmed(current, to: &statements)
                current = ""
            } else {
                current.unicodeScalars.append(contentsOf: nextToken(&scanner))
            }
        }
        appendTrimmed(current, to: &statements)
        return statements
    }

    private static func appendTrimmed(_ statement: String, to statements: inout [String]) {
        let meaningful = statement.split(separator: "\n").contains { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("--")
        }
        if meaningful { statements.append(statement.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Consumes one lexical unit: a comment, a quoted run, a dollar-quoted body, or a single character.
    private static func nextToken(_ scanner: inout ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        let rest = String(String.UnicodeScalarView(scanner.prefix(2)))
        if rest == "--" { return take(&scanner, through: "\n") }
        if rest == "/*" { return take(&scanner, throughSequence: Array("*/".unicodeScalars), skip: 2) }
        guard let first = scanner.first else { return [] }
        if first == "'" || first == "\"" { return take(&scanner, throughSequence: [first], skip: 1) }
        if first == "$", let tag = dollarTag(scanner) {
            return take(&scanner, throughSequence: tag, skip: tag.count)
        }
        scanner.removeFirst()
        return [first]
    }

    /// `$tag$` at the start of `scanner`, if it opens a dollar quote.
    private static func dollarTag(_ scanner: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar]? {
        var tag: [Unicode.Scalar] = ["$"]
        for scalar in scanner.dropFirst() {
            tag.append(scalar)
            if scalar == "$" { return tag }
            guard scalar.properties.isAlphabetic || scalar == "_" || ("0"..."9").contains(scalar) else { return nil }
        }
        return nil
    }

    private static func take(_ scanner: inout ArraySlice<Unicode.Scalar>, through end: Unicode.Scalar)
        -> [Unicode.Scalar]
    {
        take(&scanner, throughSequence: [end], skip: 1)
    }

    /// Takes the opening `skip` scalars, then everything up to and including the next `sequence`.
    private static func take(
        _ scanner: inout ArraySlice<Unicode.Scalar>, throughSequence sequence: [Unicode.Scalar], skip: Int
    ) -> [Unicode.Scalar] {
        var taken = Array(scanner.prefix(skip))
        scanner.removeFirst(min(skip, scanner.count))
        while !scanner.isEmpty {
            if scanner.starts(with: sequence) {
                taken.append(contentsOf: sequence)
                scanner.removeFirst(sequence.count)
                return taken
            }
            taken.append(scanner.removeFirst())
        }
        return taken
    }
}
