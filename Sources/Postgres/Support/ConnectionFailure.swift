import Application
import PostgresNIO
import _ConnectionPoolModule

/// Recognises errors that mean "the database is not reachable right now" — a connection that could not be
/// made or broke, the pool shut or its circuit breaker open, the server shutting down or refusing connections — and turns them into
/// `DatabaseUnavailable`, which the API answers with 503. Every other error passes through unchanged.
enum ConnectionFailure {
    private static let unavailableCodes: Set<PSQLError.Code> = [
        .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
        .sslUnsupported, .failedToAddSSLHandler,
    ]

    /// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, cannot connect
    /// now), 57014 (statement timeout: `DATABASE_STATEMENT_TIMEOUT_MS` ran out, e.g. behind a lock) and
    /// 53300 (too many connections).
    private static func isUnavailable(sqlState: String) -> Bool {
        sqlState.hasPrefix("08") || sqlState.hasPrefix("57P") || sqlState == "57014" || sqlState == "53300"
    }

    static func translate(_ error: any Error) -> any Error {
        if error is CancellationError { return error }
        // After about a minute of failed connection attempts the pool's circuit breaker fails requests at once.
        if let pool = error as? ConnectionPoolError {
            return DatabaseUnavailable(reason: "database connection pool: \(pool)")
        }
        guard let psql = error as? PSQLError else { return error }
        if unavailableCodes.contains(psql.code) {
            return DatabaseUnavailable(reason: "database connection failed (\(psql.code))")
        }
        if psql.code == .server, let state = psql.serverInfo?[.sqlState], isUnavailable(sqlState: state) {
            return DatabaseUnavailable(reason: "database unavailable (SQLSTATE \(state))")
        }
        return error
    }

    /// A server error not translated before (unavailable, numeric overflow) as a `DatabaseRefusal`: the
    /// SQLSTATE and the server's message, without the statement's binds. Anything else passes through.
    static func describingRefusal(_ error: any Error) -> any Error {
        guard let psql = error as? PSQLError, psql.code == .server, let state = psql.serverInfo?[.sqlState] else {
            return error
        }
        return DatabaseRefusal(sqlState: state, message: psql.serverInfo?[.message] ?? "no message")
    }
}
