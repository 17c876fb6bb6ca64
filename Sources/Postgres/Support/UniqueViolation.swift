import PostgresNIO

/// Recognises the database refusing a duplicate, so repositories can turn a constraint into a domain answer.
enum UniqueViolation {
    /// Whether `error` is a unique-key violation of the named constraint.
    static func matches(_ error: any Error, constraint: String) -> Bool {
        guard let error = error as? PSQLError else { return false }
        return error.serverInfo?[.sqlState] == "23505" && error.serverInfo?[.constraintName] == constraint
    }
}
