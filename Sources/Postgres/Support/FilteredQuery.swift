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

    /// The count query for the filtered set.
    func countQuery(from source: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(source) \(whereClause)", binds: bindings)
    }

    /// The page query: `select`, filters, order, then bound offset and limit.
    func pageQuery(select: String, orderBy: String, page: (offset: Int, limit: Int)) -> PostgresQuery {
        var binds = bindings
        binds.append(page.offset)
        binds.append(page.limit)
        let sql = "\(select) \(whereClause) ORDER BY \(orderBy) OFFSET $\(binds.count - 1) LIMIT $\(binds.count)"
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}

extension PostgresConnection {
    /// Runs a `SELECT count(*)` and returns the number.
    func count(_ query: PostgresQuery, logger: Logger) async throws -> Int {
        for try await count in try await self.query(query, logger: logger).decode(Int.self) { return count }
        return 0
    }
}
