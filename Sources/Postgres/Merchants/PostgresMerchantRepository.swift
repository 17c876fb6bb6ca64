import Application
import Domain
import Foundation
import PostgresNIO

/// Merchants in the `merchants` table, listed in insertion order.
struct PostgresMerchantRepository: MerchantRepository {
    let connection: PostgresConnection
    let logger: Logger

    private static let columns = "id, name, default_cashback_percentage, active"

    func insert(_ merchant: Merchant) async throws -> Bool {
        do {
            try await connection.query(
                """
                INSERT INTO merchants (id, name, default_cashback_percentage, active)
                VALUES (\(merchant.id.uuid), \(merchant.name), \(merchant.defaultCashbackPercentage), \(merchant.active))
                """, logger: logger)
            return true
        } catch  where UniqueViolation.matches(error, constraint: "merchants_name_key") {
            return false
        }
    }

    func lock(id: MerchantID) async throws -> Merchant? {
        try await first("SELECT \(Self.columns) FROM merchants WHERE id = $1 FOR UPDATE", id)
    }

    func list(active: Bool?, page: PageRequest) async throws -> Page<Merchant> {
        var filter = FilteredQuery()
        if let active { filter.add("active = ?", active) }
        let (total, rows) = try await filter.page(
            "SELECT \(Self.columns) FROM merchants", counting: "merchants", orderBy: "seq", page: page, on: connection,
            logger: logger)
        var merchants: [Merchant] = []
        for try await row in rows.decode((UUID, String, Decimal, Bool).self) { merchants.append(Self.merchant(row)) }
        return Page(items: merchants, total: total)
    }

    func setActive(id: MerchantID, active: Bool) async throws -> Merchant? {
        let rows = try await connection.query(
            "UPDATE merchants SET active = \(active) WHERE id = \(id.uuid) RETURNING id, name, default_cashback_percentage, active",
            logger: logger)
        for try await row in rows.decode((UUID, String, Decimal, Bool).self) { return Self.merchant(row) }
        return nil
    }

    private func first(_ sql: String, _ id: MerchantID) async throws -> Merchant? {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binding(id.uuid)), logger: logger)
        for try await row in rows.decode((UUID, String, Decimal, Bool).self) { return Self.merchant(row) }
        return nil
    }

    private static func merchant(_ row: (UUID, String, Decimal, Bool)) -> Merchant {
        Merchant(id: MerchantID(row.0), name: row.1, defaultCashbackPercentage: row.2, active: row.3)
    }
}
