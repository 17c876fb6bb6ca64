import Application
import PostgresNIO

/// Turns PostgreSQL's "numeric field overflow" (SQLSTATE 22003) into `ValueOutOfRange`, so a balance pushed past
/// its column by many large inputs answers 422 instead of an unexplained 500. Other errors pass unchanged.
enum NumericOverflow {
    static func translate(_ error: any Error) -> any Error {
        guard let psql = error as? PSQLError, psql.code == .server, psql.serverInfo?[.sqlState] == "22003" else {
            return error
        }
        return ValueOutOfRange()
    }
}
