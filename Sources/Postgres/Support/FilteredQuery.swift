import Domain
import PostgresNIO

/// Builds a `WHERE` clause from optional filters while keeping every value a bound parameter.
struct FilteredQuery {
    private(set) var bindings = PostgresBindings()
    private var conditions: [String] = []

    /// Adds `condition`, in which `?` stands for `value`'s parameter placeholder.
    mutating func add(_ condition: String, _ value: some PostgresDynamicTypeEncodable) {
        bindings.append(value)
        conditions.append(condition.replacingOccurrences(of: "?", with: "$\(bindings.count)"))
    }

    /// `WHERE a AND b`, or nothing when no filter was added.
    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

    /// One page of the filtered set and the set's size: `select` (which names its source) with the filters, the
    /// order, then bound offset and limit; the size counts `source` with the same filters.
    func page(
        _ select: String, counting source: String, orderBy: String, page: PageRequest,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> (total: Int, rows: PostgresRowSequence) {
        let count = PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(source) \(whereClause)", binds: bindings)
        let total = try await connection.count(count, logger: logger)
        var binds = bindings
        binds.append(page.offset)
        binds.append(page.limit)
        let sql = "\(select) \(whereClause) ORDER BY \(orderBy) OFFSET $\(binds.count - 1) LIMIT $\(binds.count)"
        return (total, try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger))
    }
}

extension PostgresConnection {
    /// Runs a `SELECT count(*)` and returns the number.
    func count(_ query: PostgresQuery, logger: Logger) async throws -> Int {
        for try await count in try await self.query(query, logger: logger).decode(Int.self) { return count }
        return 0
    }
}
