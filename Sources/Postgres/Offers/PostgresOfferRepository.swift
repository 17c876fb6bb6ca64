import Application
import Domain
import Foundation
import PostgresNIO

/// Offers in the `offers` table. A fixed offer is one whose `fixed_amount` is set.
struct PostgresOfferRepository: OfferRepository {
    let connection: PostgresConnection
    let logger: Logger

    private typealias OfferRow = (UUID, UUID, Decimal, Decimal?, String, String, Decimal, Bool)
    private static let columns =
        "o.id, o.merchant_id, o.percentage, o.fixed_amount, o.start_date::text, o.end_date::text, o.monthly_cap_per_user, o.active"

    func insert(_ offer: Offer) async throws {
        let (percentage, fixedAmount): (Decimal, Decimal?) =
            switch offer.cashback {
            case .percent(let value): (value, nil)
            case .fixed(let value): (0, value)
            }
        try await connection.query(
            """
            INSERT INTO offers (id, merchant_id, percentage, fixed_amount, start_date, end_date,
                                monthly_cap_per_user, active)
            VALUES (\(offer.id.uuid), \(offer.merchantID.uuid), \(percentage), \(fixedAmount),
                    \(offer.startDate.description)::date, \(offer.endDate.description)::date,
                    \(offer.monthlyCapPerUser), \(offer.active))
            """, logger: logger)
    }

    func hasActiveOffer(merchantID: MerchantID) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT 1 FROM offers WHERE merchant_id = \(merchantID.uuid) AND active LIMIT 1", logger: logger)
        for try await _ in rows { return true }
        return false
    }

    func find(id: OfferID) async throws -> OfferListing? {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(Self.columns), m.name, m.active
                    FROM offers o JOIN merchants m ON m.id = o.merchant_id WHERE o.id = $1
                    """, binds: binding(id.uuid)), logger: logger)
        for try await row in rows.decode(
            (UUID, UUID, Decimal, Decimal?, String, String, Decimal, Bool, String, Bool).self)
        {
            let offer = try Self.offer((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7))
            return OfferListing(offer: offer, merchantName: row.8, merchantActive: row.9)
        }
        return nil
    }

    func list(filter: OfferListFilter, page: PageRequest) async throws -> Page<Offer> {
        var query = FilteredQuery()
        if let status = filter.status { query.add("o.active = ?", status.isActive) }
        if let merchantID = filter.merchantID { query.add("o.merchant_id = ?", merchantID.uuid) }
        if let dateFrom = filter.dateFrom { query.add("o.end_date >= ?::date", dateFrom.description) }
        if let dateTo = filter.dateTo { query.add("o.start_date <= ?::date", dateTo.description) }
        let (total, rows) = try await query.page(
            "SELECT \(Self.columns) FROM offers o", counting: "offers o", orderBy: "o.seq", page: page,
            on: connection, logger: logger)
        var offers: [Offer] = []
        for try await row in rows.decode(OfferRow.self) { offers.append(try Self.offer(row)) }
        return Page(items: offers, total: total)
    }

    func listVisible(on day: CalendarDate, page: PageRequest) async throws -> Page<OfferListing> {
        var query = FilteredQuery()
        query.add("o.active AND m.active AND o.start_date <= ?::date", day.description)
        query.add("o.end_date >= ?::date", day.description)
        let source = "offers o JOIN merchants m ON m.id = o.merchant_id"
        let (total, rows) = try await query.page(
            "SELECT \(Self.columns), m.name, m.active FROM \(source)", counting: source, orderBy: "o.seq", page: page,
            on: connection, logger: logger)
        var listings: [OfferListing] = []
        for try await row in rows.decode(
            (UUID, UUID, Decimal, Decimal?, String, String, Decimal, Bool, String, Bool).self)
        {
            let offer = try Self.offer((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7))
            listings.append(OfferListing(offer: offer, merchantName: row.8, merchantActive: row.9))
        }
        return Page(items: listings, total: total)
    }

    func setActive(id: OfferID, active: Bool) async throws -> Offer? {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "UPDATE offers o SET active = $2 WHERE o.id = $1 RETURNING \(Self.columns)",
                binds: {
                    var binds = binding(id.uuid)
                    binds.append(active)
                    return binds
                }()), logger: logger)
        for try await row in rows.decode(OfferRow.self) { return try Self.offer(row) }
        return nil
    }

    private static func offer(_ row: OfferRow) throws -> Offer {
        let (id, merchantID, percentage, fixedAmount, start, end, cap, active) = row
        return Offer(
            id: OfferID(id), merchantID: MerchantID(merchantID),
            cashback: fixedAmount.map(CashbackRule.fixed) ?? .percent(percentage),
            startDate: try MalformedStoredValue.calendarDate(start, column: "offers.start_date"),
            endDate: try MalformedStoredValue.calendarDate(end, column: "offers.end_date"), monthlyCapPerUser: cap,
            active: active)
    }
}
