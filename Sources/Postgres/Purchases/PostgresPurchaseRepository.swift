import Application
import Domain
import Foundation
import PostgresNIO

/// Purchases and their cashback transactions; ingestion is one statement so the hot path stays short.
struct PostgresPurchaseRepository: PurchaseRepository {
    let connection: PostgresConnection
    let logger: Logger

    typealias PurchaseRow = (UUID, String, UUID, UUID, UUID?, Decimal, Decimal, String, String, Date)
    static let columns =
        "p.id, p.external_id, p.user_id, p.merchant_id, p.offer_id, p.amount, p.cashback_amount, p.currency, p.status, p.created_at"

    func find(externalID: String) async throws -> Purchase? {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(Self.columns) FROM purchases p WHERE p.external_id = $1",
                binds: binding(externalID)),
            logger: logger)
        for try await row in rows.decode(PurchaseRow.self) { return try Self.purchase(row) }
        return nil
    }

    func find(id: PurchaseID) async throws -> PurchaseView? {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(Self.columns), coalesce(m.name, 'Unknown')
                    FROM purchases p LEFT JOIN merchants m ON m.id = p.merchant_id WHERE p.id = $1
                    """, binds: binding(id.uuid)), logger: logger)
        for try await row in rows.decode(
            (UUID, String, UUID, UUID, UUID?, Decimal, Decimal, String, String, Date, String).self)
        {
            let purchase = try Self.purchase((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9))
            return PurchaseView(purchase: purchase, merchantName: row.10)
        }
        return nil
    }

    func lock(id: PurchaseID) async throws -> Purchase? {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(Self.columns) FROM purchases p WHERE p.id = $1 FOR UPDATE", binds: binding(id.uuid)
            ),
            logger: logger)
        for try await row in rows.decode(PurchaseRow.self) { return try Self.purchase(row) }
        return nil
    }

    func cashbackEarned(userID: UserID, offerID: OfferID, in window: MonthWindow) async throws -> Money {
        let rows = try await connection.query(
            """
            SELECT coalesce(sum(cashback_amount), 0) FROM purchases
            WHERE user_id = \(userID.uuid) AND offer_id = \(offerID.uuid) AND status IN ('pending', 'confirmed')
              AND created_at >= \(window.start) AND created_at < \(window.end)
            """, logger: logger)
        for try await sum in rows.decode(Decimal.self) {
            return try MalformedStoredValue.money(sum, column: "purchases.cashback_amount")
        }
        return .zero
    }

    func recordIngestion(_ purchase: Purchase, audit: AuditEntry) async throws -> Bool {
        let details = String(decoding: try JSONEncoder().encode(audit.details), as: UTF8.self)
        let rows = try await connection.query(
            """
            WITH purchase AS (
                INSERT INTO purchases (id, external_id, user_id, merchant_id, offer_id, amount, cashback_amount,
                                       currency, status, created_at)
                VALUES (\(purchase.id.uuid), \(purchase.externalID), \(purchase.userID.uuid), \(purchase.merchantID.uuid),
                        \(purchase.offerID?.uuid), \(purchase.amount.decimal), \(purchase.cashbackAmount.decimal),
                        \(purchase.currency), 'pending', \(purchase.createdAt))
                ON CONFLICT (external_id) DO NOTHING
                RETURNING id, user_id, cashback_amount, created_at
            ), cashback AS (
                INSERT INTO cashback_transactions (id, user_id, purchase_id, amount, status, created_at)
                SELECT \(UUID()), user_id, id, cashback_amount, 'pending', created_at FROM purchase
            ), wallet AS (
                UPDATE wallets SET pending_balance = pending_balance + purchase.cashback_amount,
                                   updated_at = purchase.created_at
                FROM purchase WHERE wallets.user_id = purchase.user_id AND purchase.cashback_amount > 0
            ), ledger AS (
                INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id, created_at)
                SELECT user_id, 'pending', cashback_amount, 'purchase_ingested', id, created_at
                FROM purchase WHERE cashback_amount > 0
            ), audit AS (
                INSERT INTO audit_logs (id, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
                                        outcome, details)
                SELECT \(audit.id), \(audit.occurredAt), \(audit.actor.type), \(audit.actor.id?.uuid),
                       \(audit.action.rawValue), \(audit.resourceType), \(audit.resourceID), \(audit.outcome.rawValue),
                       \(details)::jsonb
                FROM purchase
            ), queue AS (
                INSERT INTO purchase_verifications (purchase_id, next_attempt_at) SELECT id, created_at FROM purchase
            )
            SELECT pg_notify('purchase_ingested', id::text) FROM purchase
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    func applyTransition(
        _ purchase: Purchase, outcome: PurchaseTransitions.Outcome, audit: AuditEntry, at instant: Date
    ) async throws {
        try await connection.query(
            """
            WITH updated AS (
                UPDATE purchases SET status = \(outcome.status.rawValue), cashback_amount = \(outcome.cashbackAmount.decimal),
                                     settled_at = \(instant)
                WHERE id = \(purchase.id.uuid) RETURNING id
            ), cashback AS (
                UPDATE cashback_transactions SET status = \(outcome.cashbackStatus.rawValue)
                WHERE purchase_id = (SELECT id FROM updated)
            ), dequeued AS (
                DELETE FROM purchase_verifications WHERE purchase_id = (SELECT id FROM updated)
            )
            SELECT pg_notify('purchase_settled', id::text) FROM updated
            """, logger: logger)
        try await PostgresWalletRepository(connection: connection, logger: logger).apply(outcome.movements)
        try await PostgresAuditRepository(connection: connection, logger: logger).append(audit)
    }

    func listForUser(_ userID: UserID, status: PurchaseStatus?, page: PageRequest) async throws -> Page<PurchaseView> {
        var query = FilteredQuery()
        query.add("p.user_id = ?", userID.uuid)
        if let status { query.add("p.status = ?", status.rawValue) }
        let total = try await connection.count(query.countQuery(from: "purchases p"), logger: logger)
        let rows = try await connection.query(
            query.pageQuery(
                select:
                    "SELECT \(Self.columns), coalesce(m.name, 'Unknown') FROM purchases p LEFT JOIN merchants m ON m.id = p.merchant_id",
                orderBy: "p.created_at DESC, p.id", page: (page.offset, page.limit)), logger: logger)
        var views: [PurchaseView] = []
        for try await row in rows.decode(
            (UUID, String, UUID, UUID, UUID?, Decimal, Decimal, String, String, Date, String).self)
        {
            let purchase = try Self.purchase((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9))
            views.append(PurchaseView(purchase: purchase, merchantName: row.10))
        }
        return Page(items: views, total: total)
    }

    func list(filter: PurchaseFilter, page: PageRequest) async throws -> Page<Purchase> {
        var query = FilteredQuery()
        if let status = filter.status { query.add("p.status = ?", status.rawValue) }
        if let userID = filter.userID { query.add("p.user_id::text = ?", userID) }
        if let merchantID = filter.merchantID { query.add("p.merchant_id::text = ?", merchantID) }
        if let start = filter.startDate { query.add("p.created_at >= ?", start.startOfDayUTC) }
        if let end = filter.endDate { query.add("p.created_at < ?", end.nextDay.startOfDayUTC) }
        let total = try await connection.count(query.countQuery(from: "purchases p"), logger: logger)
        let rows = try await connection.query(
            query.pageQuery(
                select: "SELECT \(Self.columns) FROM purchases p", orderBy: "p.created_at DESC, p.id",
                page: (page.offset, page.limit)), logger: logger)
        var purchases: [Purchase] = []
        for try await row in rows.decode(PurchaseRow.self) { purchases.append(try Self.purchase(row)) }
        return Page(items: purchases, total: total)
    }

    static func purchase(_ row: PurchaseRow) throws -> Purchase {
        let (id, externalID, userID, merchantID, offerID, amount, cashback, currency, status, createdAt) = row
        return Purchase(
            id: PurchaseID(id), externalID: externalID, userID: UserID(userID), merchantID: MerchantID(merchantID),
            offerID: offerID.map(OfferID.init),
            amount: try MalformedStoredValue.money(amount, column: "purchases.amount"),
            cashbackAmount: try MalformedStoredValue.money(cashback, column: "purchases.cashback_amount"),
            currency: currency, status: try MalformedStoredValue.choice(status, column: "purchases.status"),
            createdAt: createdAt)
    }
}
