/// The database cannot be reached or gave no connection in time: the caller may retry later (HTTP 503).
/// Raised before any statement of the unit of work ran, or when the connection broke, so nothing was
/// committed by the unit of work that raised it unless the break came after its COMMIT was sent.
public struct DatabaseUnavailable: Error, Equatable, Sendable {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// The database refused a statement for a reason of its own (a constraint, a trigger, a serialization
/// failure): its SQLSTATE and message, which never carry bound values. It says what went wrong where the
/// driver's own description hides everything, in logs and in a parked item's `last_error`.
public struct DatabaseRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public let sqlState: String
    public let message: String

    public init(sqlState: String, message: String) {
        (self.sqlState, self.message) = (sqlState, message)
    }

    public var description: String { "database refused the statement (SQLSTATE \(sqlState)): \(message)" }
}

/// A value derived from the input does not fit the books: a balance or a sum would exceed what its column holds
/// (`NUMERIC(14,2)`, just under a trillion). Nothing was written; the request cannot succeed as sent (HTTP 422).
/// Every single input is bounded before it gets here; this catches what only sums of many inputs reach.
public struct ValueOutOfRange: Error, Equatable, Sendable {
    public init() {}
}
