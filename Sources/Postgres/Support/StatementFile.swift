import Foundation
import PostgresNIO

/// A SQL statement kept as a file in `Resources/statements`, with `:name` parameters: the repository binds them
/// by name, and the benchmark hands the very same file to pgbench, whose variables are written the same way. So
/// the statement pgbench measures is the one the service sends, not a copy to keep in step.
struct StatementFile: Sendable {
    /// The statement with `$1`, `$2`… in place of the names; comment lines removed.
    let sql: String
    /// The parameter names in the order of their numbers.
    let names: [String]

    /// The statement file `name.sql` bundled with this module.
    init(named name: String) throws {
        guard let url = Bundle.module.url(forResource: name, withExtension: "sql", subdirectory: "statements") else {
            throw MissingStatement(name: name)
        }
        self.init(text: try String(contentsOf: url, encoding: .utf8))
    }

    /// Numbers each distinct `:name` (not `::type`) in order of first use.
    init(text: String) {
        let body = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
            .joined(separator: "\n")
        var names: [String] = []
        var sql = ""
        let whole = Substring(body)
        var rest = whole
        while let colon = rest.firstIndex(of: ":") {
            sql += rest[..<colon]
            let afterColon = rest.index(after: colon)
            let previous = colon > whole.startIndex ? whole[whole.index(before: colon)] : " "
            let nameEnd = rest[afterColon...].firstIndex { !($0.isLetter || $0.isNumber || $0 == "_") } ?? rest.endIndex
            let name = String(rest[afterColon..<nameEnd])
            guard previous != ":", rest[afterColon...].first?.isLetter == true else {
                sql += ":"
                rest = rest[afterColon...]
                continue
            }
            if !names.contains(name) { names.append(name) }
            sql += "$\((names.firstIndex(of: name) ?? 0) + 1)"
            rest = rest[nameEnd...]
        }
        sql += rest
        self.sql = sql
        self.names = names
    }

    /// The query with `values` bound to the names; every name must have a value.
    func query(_ values: [String: any PostgresThrowingDynamicTypeEncodable]) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: names.count)
        for name in names {
            guard let value = values[name] else { throw MissingStatement(name: ":\(name)") }
            try bindings.append(value)
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}

/// A statement file, or one of its parameters, is missing: the build or the caller is wrong, not the request.
struct MissingStatement: Error, CustomStringConvertible {
    let name: String

    var description: String { "no statement or parameter named \(name)" }
}
