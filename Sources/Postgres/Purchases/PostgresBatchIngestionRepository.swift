import Application
import Domain
import Foundation
import PostgresNIO

/// The context of a batch ingestion in five reads whatever the batch size (issue 8); the batch is recorded by
/// `PostgresPurchaseRepository.recordIngestions`, like a single purchase.
struct PostgresBatchIngestionRepository: BatchIngestionRepository {
    let connection: PostgresConnection
    let logger: Logger

    func context(
        externalIDs: [String], in namespace: PartnerID?, merchantIDs: [MerchantID], userIDs: [UserID],
        on day: CalendarDate, month: MonthWindow
    ) async throws -> BatchIngestionContext {
        let users = userIDs.map(\.uuid)
        var versions: [UserID: Int64] = [:]
        for try await (id, version) in try await connection.query(
            "SELECT user_id, version FROM wallets WHERE user_id = ANY(\(users))", logger: logger
        ).decode((UUID, Int64).self) {
            versions[UserID(id)] = version
        }
        var active: [UserID: Bool] = [:]
        for try await (id, isActive) in try await connection.query(
            "SELECT id, active FROM users WHERE id = ANY(\(users))", logger: logger
        ).decode((UUID, Bool).self) {
            active[UserID(id)] = isActive
        }
        var duplicates: [String: Purchase] = [:]
        // One probe of the unique index per id, as in ingestion_contexts.sql: with `= ANY` and no statistics yet,
        // the planner read the whole table.
        var duplicateBinds = PostgresBindings()
        duplicateBinds.append(externalIDs)
        duplicateBinds.append(namespace?.uuid)
        for try await row in try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(PostgresPurchaseRepository.columns) FROM unnest($1::text[]) AS x (external_id)
                    CROSS JOIN LATERAL (
                        SELECT * FROM purchases d
                        WHERE d.external_id = x.external_id AND d.partner_id IS NOT DISTINCT FROM $2::uuid
                        ORDER BY d.external_id, d.partner_id LIMIT 1) p
                    """,
                binds: duplicateBinds), logger: logger
        ).decode(PostgresPurchaseRepository.PurchaseRow.self) {
            let purchase = try PostgresPurchaseRepository.purchase(row)
            duplicates[purchase.externalID] = purchase
        }
        var merchants: [MerchantID: Merchant] = [:]
        var offers: [MerchantID: [Offer]] = [:]
        for try await row in try await connection.query(
            """
            SELECT m.id, m.name, m.default_cashback_percentage, m.active,
                   o.id, o.percentage, o.fixed_amount, o.start_date::text, o.end_date::text, o.monthly_cap_per_user
            FROM merchants m
            LEFT JOIN offers o ON o.merchant_id = m.id AND o.active
                             AND o.start_date <= \(day.description)::date AND o.end_date >= \(day.description)::date
            WHERE m.id = ANY(\(merchantIDs.map(\.uuid)))
            """, logger: logger
        ).decode((UUID, String, Decimal, Bool, UUID?, Decimal?, Decimal?, String?, String?, Decimal?).self) {
            let merchantID = MerchantID(row.0)
            merchants[merchantID] = Merchant(
                id: merchantID, name: row.1, defaultCashbackPercentage: row.2, active: row.3)
            if let offerID = row.4, let percentage = row.5, let start = row.7, let end = row.8, let cap = row.9 {
                offers[merchantID, default: []].append(
                    Offer(
                        id: OfferID(offerID), merchantID: merchantID,
                        cashback: row.6.map(CashbackRule.fixed) ?? .percent(percentage),
                        startDate: try MalformedStoredValue.calendarDate(start, column: "offers.start_date"),
                        endDate: try MalformedStoredValue.calendarDate(end, column: "offers.end_date"),
                        monthlyCapPerUser: cap, active: true))
            }
        }
        var earned: [UserOffer: Money] = [:]
        let offerIDs = offers.values.flatMap { $0.map(\.id.uuid) }
        for try await (user, offer, sum) in try await connection.query(
            """
            SELECT user_id, offer_id, amount FROM cashback_earned
            WHERE user_id = ANY(\(users)) AND offer_id = ANY(\(offerIDs)) AND month = \(month.firstDay.description)::date
            """, logger: logger
        ).decode((UUID, UUID, Decimal).self) {
            earned[UserOffer(user: UserID(user), offer: OfferID(offer))] = try MalformedStoredValue.money(
                sum, column: "cashback_earned.amount")
        }
        return BatchIngestionContext(
            walletVersions: versions, userActive: active, duplicates: duplicates, merchants: merchants,
            candidateOffers: offers, earned: earned)
    }
}
