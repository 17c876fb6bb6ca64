import Application
import Domain
import Foundation
import PostgresNIO

/// Set-based ingestion for batches: the context in five reads whatever the batch size, and one record
/// statement guarded by each user's wallet version (ADR 014, issue 8).
struct PostgresBatchIngestionRepository: BatchIngestionRepository {
    let connection: PostgresConnection
    let logger: Logger

    func context(
        externalIDs: [String], merchantIDs: [MerchantID], userIDs: [UserID], on day: CalendarDate, month: MonthWindow
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
        for try await row in try await connection.query(
            PostgresQuery(
                unsafeSQL:
                    "SELECT \(PostgresPurchaseRepository.columns) FROM purchases p WHERE p.external_id = ANY($1)",
                binds: binding(externalIDs)), logger: logger
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
            SELECT user_id, offer_id, sum(cashback_amount) FROM purchases
            WHERE user_id = ANY(\(users)) AND offer_id = ANY(\(offerIDs)) AND status IN ('pending', 'confirmed')
              AND created_at >= \(month.start) AND created_at < \(month.end)
            GROUP BY user_id, offer_id
            """, logger: logger
        ).decode((UUID, UUID, Decimal).self) {
            earned[UserOffer(user: UserID(user), offer: OfferID(offer))] = try MalformedStoredValue.money(
                sum, column: "purchases.cashback_amount")
        }
        return BatchIngestionContext(
            walletVersions: versions, userActive: active, duplicates: duplicates, merchants: merchants,
            candidateOffers: offers, earned: earned)
    }

    func record(_ drafts: [(purchase: Purchase, audit: AuditEntry)], walletVersions: [UserID: Int64?]) async throws
        -> Set<PurchaseID>
    {
        guard let first = drafts.first else { return [] }
        var credits: [UserID: Decimal] = [:]
        for draft in drafts { credits[draft.purchase.userID, default: 0] += draft.purchase.cashbackAmount.decimal }
        let users = credits.keys.sorted { $0.uuid.uuidString < $1.uuid.uuidString }
        let encoder = JSONEncoder()
        let details = try drafts.map { String(decoding: try encoder.encode($0.audit.details), as: UTF8.self) }
        let purchases = drafts.map(\.purchase)
        let rows = try await connection.query(
            """
            WITH credit AS (
                SELECT * FROM unnest(\(users.map(\.uuid))::uuid[], \(users.map { "\(credits[$0] ?? 0)" })::numeric[],
                                     \(users.map { (walletVersions[$0] ?? nil) ?? -1 })::int8[])
                    AS c (user_id, amount, expected)
            ), wallet AS (
                INSERT INTO wallets AS w (user_id, pending_balance, updated_at)
                SELECT user_id, amount, \(first.purchase.createdAt) FROM credit ORDER BY user_id
                ON CONFLICT (user_id) DO UPDATE
                    SET pending_balance = w.pending_balance + excluded.pending_balance, updated_at = excluded.updated_at
                    WHERE w.version = (SELECT expected FROM credit WHERE credit.user_id = w.user_id)
                RETURNING w.user_id
            ), item AS (
                SELECT * FROM unnest(
                    \(purchases.map(\.id.uuid))::uuid[], \(purchases.map(\.externalID))::text[],
                    \(purchases.map(\.userID.uuid))::uuid[], \(purchases.map(\.merchantID.uuid))::uuid[],
                    \(purchases.map { $0.offerID?.uuid.uuidString ?? "" })::text[],
                    \(purchases.map { "\($0.amount.decimal)" })::numeric[],
                    \(purchases.map { "\($0.cashbackAmount.decimal)" })::numeric[], \(purchases.map(\.currency))::text[],
                    \(drafts.map(\.audit.id))::uuid[], \(details)::text[])
                    AS i (id, external_id, user_id, merchant_id, offer_id, amount, cashback, currency, audit_id, details)
                WHERE i.user_id IN (SELECT user_id FROM wallet)
            ), purchase AS (
                INSERT INTO purchases (id, external_id, user_id, merchant_id, offer_id, amount, cashback_amount,
                                       currency, status, created_at)
                SELECT id, external_id, user_id, merchant_id, NULLIF(offer_id, '')::uuid, amount, cashback, currency,
                       'pending',
                       \(first.purchase.createdAt)
                FROM item
                RETURNING id, user_id, cashback_amount, created_at
            ), cashback AS (
                INSERT INTO cashback_transactions (id, user_id, purchase_id, amount, status, created_at)
                SELECT gen_random_uuid(), user_id, id, cashback_amount, 'pending', created_at FROM purchase
            ), ledger AS (
                INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id, created_at)
                SELECT user_id, 'pending', cashback_amount, 'purchase_ingested', id, created_at
                FROM purchase WHERE cashback_amount > 0
            ), audit AS (
                INSERT INTO audit_logs (id, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
                                        outcome, details)
                SELECT audit_id, \(first.audit.occurredAt), \(first.audit.actor.type), \(first.audit.actor.id),
                       'PURCHASE_INGESTED', 'purchase', id::text, 'success', details::jsonb
                FROM item
            ), queue AS (
                INSERT INTO purchase_verifications (purchase_id, next_attempt_at) SELECT id, created_at FROM purchase
            )
            SELECT p.id FROM purchase p CROSS JOIN LATERAL (SELECT pg_notify('purchase_ingested', p.id::text)) n
            """, logger: logger)
        var recorded: Set<PurchaseID> = []
        for try await id in rows.decode(UUID.self) { recorded.insert(PurchaseID(id)) }
        return recorded
    }
}
