import Application
import Domain
import Foundation
import PostgresNIO

/// Purchases and their cashback transactions; ingestion is one statement so the hot path stays short.
struct PostgresPurchaseRepository: PurchaseRepository {
    let connection: PostgresConnection
    let logger: Logger

    typealias PurchaseRow = (UUID, String, UUID, UUID, UUID?, Decimal, Decimal, String, String, Date, UUID?)
    static let columns = """
        p.id, p.external_id, p.user_id, p.merchant_id, p.offer_id, p.amount, p.cashback_amount, p.currency, p.status, \
        p.created_at, p.partner_id
        """

    func find(externalID: String, namespace: PartnerID?) async throws -> Purchase? {
        // The namespace's own purchase first; another namespace's only while migration 0015 has not dropped the
        // platform-wide constraint, which is then what refused the insert (ADR 040).
        var binds = PostgresBindings()
        binds.append(externalID)
        binds.append(namespace?.uuid)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(Self.columns) FROM purchases p WHERE p.external_id = $1
                    ORDER BY p.partner_id IS NOT DISTINCT FROM $2::uuid DESC LIMIT 1
                    """,
                binds: binds),
            logger: logger)
        for try await row in rows.decode(PurchaseRow.self) { return try Self.purchase(row) }
        return nil
    }

    func ingestionContexts(
        of submissions: [PurchaseSubmission], in namespaces: [PartnerID?], on day: CalendarDate, month: MonthWindow
    ) async throws -> [IngestionContext] {
        let rows = try await connection.query(
            try Self.contextStatement.get().query([
                "external_ids": submissions.map(\.externalID), "merchant_ids": submissions.map(\.merchantID.uuid),
                "partner_ids": namespaces.map { $0?.description ?? "" },
                "user_ids": submissions.map(\.userID.uuid), "month": month.firstDay.description,
                "today": day.description,
            ]), logger: logger)
        var contexts = submissions.map { IngestionContextRows(merchantID: $0.merchantID) }
        for try await row in rows {
            let cells = row.makeRandomAccess()
            let position = try cells[0].decode(Int64.self) - 1
            guard contexts.indices.contains(Int(position)) else { continue }
            try contexts[Int(position)].add(cells)
        }
        return contexts.map(\.context)
    }

    func find(id: PurchaseID) async throws -> PurchaseView? {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(Self.viewColumns) FROM \(Self.viewTables) WHERE p.id = $1", binds: binding(id.uuid)
            ),
            logger: logger)
        for try await row in rows.decode(ViewRow.self) { return try Self.view(row) }
        return nil
    }

    /// A purchase with its merchant's name and its cashback transaction's status.
    typealias ViewRow = (
        UUID, String, UUID, UUID, UUID?, Decimal, Decimal, String, String, Date, UUID?, String, String?
    )
    static let viewColumns = "\(columns), coalesce(m.name, 'Unknown'), c.status"
    static let viewTables = """
        purchases p LEFT JOIN merchants m ON m.id = p.merchant_id LEFT JOIN cashback_transactions c ON c.purchase_id = p.id
        """

    static func view(_ row: ViewRow) throws -> PurchaseView {
        let purchase = try purchase((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10))
        return PurchaseView(
            purchase: purchase, merchantName: row.11,
            cashbackStatus: try row.12.map {
                try MalformedStoredValue.choice($0, column: "cashback_transactions.status")
            })
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
            SELECT amount FROM cashback_earned
            WHERE user_id = \(userID.uuid) AND offer_id = \(offerID.uuid) AND month = \(window.firstDay.description)::date
            """, logger: logger)
        for try await amount in rows.decode(Decimal.self) {
            return try MalformedStoredValue.money(amount, column: "cashback_earned.amount")
        }
        return .zero
    }

    func recordIngestions(_ drafts: [IngestionDraft], walletGuard: WalletGuard) async throws -> IngestionRecord {
        guard !drafts.isEmpty else { return .recorded([]) }
        let query = try Self.recordStatement.get().query(try IngestionRows(drafts, walletGuard: walletGuard).values)
        do {
            var recorded: Set<PurchaseID> = []
            for try await id in try await connection.query(query, logger: logger).decode(UUID.self) {
                recorded.insert(PurchaseID(id))
            }
            return .recorded(recorded)
        } catch  where Self.externalIDConstraints.contains(where: { UniqueViolation.matches(error, constraint: $0) }) {
            return .duplicate
        } catch {
            // Here, not only where the unit of work ends: a shared round must tell which batch overflowed.
            throw NumericOverflow.translate(error)
        }
    }

    /// What refuses an external id already taken: the namespaced index (ADR 040), and until migration 0015 the
    /// previous release's platform-wide constraint.
    static let externalIDConstraints = ["purchases_namespace_external_id_key", "purchases_external_id_key"]

    /// The statements of the ingestion hot path, read once from the module's bundle.
    static let contextStatement = Result { try StatementFile(named: "ingestion_contexts") }
    static let recordStatement = Result { try StatementFile(named: "record_ingestions") }

    func applyTransition(
        _ purchase: Purchase, outcome: PurchaseTransitions.Outcome, audit: AuditEntry, at instant: Date
    ) async throws {
        // One statement, one round trip: the settle path is the worker's hot path.
        let movements = LedgerMovementRows(outcome.movements)
        let details = String(decoding: try JSONEncoder().encode(audit.details), as: UTF8.self)
        do {
            try await connection.query(
                """
                WITH updated AS (
                    UPDATE purchases SET status = \(outcome.status.rawValue),
                                         cashback_amount = \(outcome.cashbackAmount.decimal), settled_at = \(instant)
                    WHERE id = \(purchase.id.uuid) RETURNING id
                ), cashback AS (
                    UPDATE cashback_transactions SET status = \(outcome.cashbackStatus.rawValue)
                    WHERE purchase_id = \(purchase.id.uuid)
                ), dequeued AS (
                    DELETE FROM purchase_verifications WHERE purchase_id = \(purchase.id.uuid)
                ), moves AS (
                    SELECT * FROM unnest(\(movements.buckets)::text[], \(movements.deltas)::numeric[],
                                         \(movements.reasons)::text[]) AS m (bucket, delta, reason)
                ), wallet AS (
                    UPDATE wallets SET
                        pending_balance = pending_balance + coalesce((SELECT sum(delta) FROM moves WHERE bucket = 'pending'), 0),
                        available_balance = available_balance + coalesce((SELECT sum(delta) FROM moves WHERE bucket = 'available'), 0),
                        paid_balance = paid_balance + coalesce((SELECT sum(delta) FROM moves WHERE bucket = 'paid'), 0),
                        owed_balance = owed_balance + coalesce((SELECT sum(delta) FROM moves WHERE bucket = 'owed'), 0),
                        updated_at = \(instant)
                    WHERE user_id = \(purchase.userID.uuid) AND EXISTS (SELECT 1 FROM moves)
                ), ledger AS (
                    INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id, created_at)
                    SELECT \(purchase.userID.uuid), bucket, delta, reason, \(purchase.id.uuid), \(instant) FROM moves
                ), audit AS (
                    INSERT INTO audit_logs (id, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
                                            outcome, details)
                    VALUES (\(audit.id), \(audit.occurredAt), \(audit.actor.type), \(audit.actor.id),
                            \(audit.action.rawValue), \(audit.resourceType), \(audit.resourceID), \(audit.outcome.rawValue),
                            \(details)::jsonb)
                )
                SELECT pg_notify('purchase_settled', id::text) FROM updated
                """, logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23514" {
            throw WalletError.balanceWouldBeNegative(purchase.userID)
        }
    }

    /// The queue rows are reached through their keys (a probe per item for the lease check, `= ANY` of the settled
    /// ids for the dequeue), so the statement reads the batch's rows whatever the planner believes of the queue's
    /// size (ADRs 042 and 043).
    func settleIfPending(_ batch: [PendingSettlement], at instant: Date) async throws -> Set<PurchaseID> {
        let moves = batch.flatMap { request in
            request.settlement.bucketSigns.map { (request.claim.purchaseID.uuid, $0.bucket.rawValue, Int($0.sign)) }
        }
        let rows = try await connection.query(
            """
            WITH input AS (
                SELECT * FROM unnest(
                    \(batch.map(\.claim.purchaseID.uuid))::uuid[], \(batch.map(\.claim.leaseToken))::uuid[],
                    \(batch.map(\.settlement.status.rawValue))::text[],
                    \(batch.map(\.settlement.cashbackStatus.rawValue))::text[],
                    \(batch.map(\.settlement.reason.rawValue))::text[], \(batch.map(\.action.rawValue))::text[],
                    \(batch.map { $0.reason ?? "" })::text[]
                ) AS i (purchase_id, lease_token, status, cashback_status, ledger_reason, action, note)
            ), leased AS (
                -- The purchases whose lease is still held, locked. Their status is read from the locked row
                -- (the latest version) and checked in `target`: a status condition here could be planned through
                -- the index of pending purchases, and so read every pending purchase when a backlog outgrew that
                -- index's statistics (ADR 042). Each item's queue row is probed by its key: the `LIMIT` keeps the
                -- probe a subquery run per item, which a planner that takes the queue for one row cannot turn
                -- into one scan of the whole queue (ADR 043).
                SELECT p.id, p.user_id, p.merchant_id, p.amount, p.currency, p.cashback_amount AS cashback,
                       p.status AS current_status, i.status, i.cashback_status, i.ledger_reason, i.action,
                       nullif(i.note, '') AS note
                FROM input i
                JOIN purchases p ON p.id = i.purchase_id
                CROSS JOIN LATERAL (SELECT q.lease_token FROM purchase_verifications q
                                    WHERE q.purchase_id = i.purchase_id LIMIT 1) v
                WHERE v.lease_token = i.lease_token
                ORDER BY p.id
                FOR UPDATE OF p
            ), target AS (
                SELECT * FROM leased WHERE current_status = 'pending'
            ), updated AS (
                UPDATE purchases p SET status = t.status, settled_at = \(instant)
                FROM target t WHERE p.id = t.id RETURNING p.id
            ), cashback AS (
                UPDATE cashback_transactions c SET status = t.cashback_status
                FROM target t WHERE c.purchase_id = t.id
            ), dequeued AS (
                DELETE FROM purchase_verifications WHERE purchase_id = ANY (ARRAY(SELECT id FROM target))
            ), settled AS (
                SELECT t.id AS purchase_id, t.user_id, m.bucket, m.sign * t.cashback AS delta, t.ledger_reason
                FROM target t
                JOIN unnest(\(moves.map(\.0))::uuid[], \(moves.map(\.1))::text[], \(moves.map(\.2))::int8[])
                    AS m (purchase_id, bucket, sign) ON m.purchase_id = t.id
                WHERE t.cashback > 0
            ), locked AS (
                SELECT w.user_id, w.owed_balance FROM wallets w WHERE w.user_id IN (SELECT user_id FROM settled)
                ORDER BY w.user_id FOR UPDATE
            ), repaid AS (
                -- DebtRepayment in SQL (ADR 017): each credit to the available bucket repays what the wallet owes,
                -- shared out in purchase-id order; the owed amount comes from the locked row.
                SELECT s.purchase_id, s.user_id,
                       least(s.delta, greatest(l.owed_balance - coalesce(sum(s.delta) OVER (
                           PARTITION BY s.user_id ORDER BY s.purchase_id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0), 0)) AS amount
                FROM settled s JOIN locked l USING (user_id)
                WHERE s.bucket = 'available' AND s.delta > 0 AND l.owed_balance > 0
            ), moves AS (
                SELECT purchase_id, user_id, bucket, delta, ledger_reason FROM settled
                UNION ALL
                SELECT r.purchase_id, r.user_id, b.bucket, -r.amount, 'debt_repaid'
                FROM repaid r CROSS JOIN (VALUES ('available'), ('owed')) AS b (bucket) WHERE r.amount > 0
            ), wallet AS (
                UPDATE wallets w SET
                    pending_balance = pending_balance + d.pending,
                    available_balance = available_balance + d.available,
                    paid_balance = paid_balance + d.paid,
                    owed_balance = owed_balance + d.owed,
                    updated_at = \(instant)
                FROM (SELECT user_id,
                             coalesce(sum(delta) FILTER (WHERE bucket = 'pending'), 0) AS pending,
                             coalesce(sum(delta) FILTER (WHERE bucket = 'available'), 0) AS available,
                             coalesce(sum(delta) FILTER (WHERE bucket = 'paid'), 0) AS paid,
                             coalesce(sum(delta) FILTER (WHERE bucket = 'owed'), 0) AS owed
                      FROM moves GROUP BY user_id) d
                WHERE w.user_id = d.user_id AND w.user_id IN (SELECT user_id FROM locked)
            ), ledger AS (
                INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id, created_at)
                SELECT user_id, bucket, delta, ledger_reason, purchase_id, \(instant) FROM moves
            ), audit AS (
                INSERT INTO audit_logs (id, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
                                        outcome, details)
                SELECT gen_random_uuid(), \(instant), 'system', NULL, t.action, 'purchase', t.id::text, 'success',
                       jsonb_strip_nulls(jsonb_build_object(
                           'merchant_id', t.merchant_id::text, 'amount', t.amount::text, 'currency', t.currency,
                           'prior_status', 'pending',
                           'cashback_amount', CASE WHEN t.status = 'confirmed' THEN t.cashback::text END,
                           'reason', t.note))
                FROM target t
            )
            SELECT u.id FROM updated u CROSS JOIN LATERAL (SELECT pg_notify('purchase_settled', u.id::text)) notified
            """, logger: logger)
        var applied: Set<PurchaseID> = []
        for try await id in rows.decode(UUID.self) { applied.insert(PurchaseID(id)) }
        return applied
    }

    func listForUser(_ userID: UserID, status: PurchaseStatus?, page: PageRequest) async throws -> Page<PurchaseView> {
        var query = FilteredQuery()
        query.add("p.user_id = ?", userID.uuid)
        if let status { query.add("p.status = ?", status.rawValue) }
        let (total, rows) = try await query.page(
            "SELECT \(Self.viewColumns) FROM \(Self.viewTables)", counting: "purchases p",
            orderBy: "p.created_at DESC, p.id", page: page,
            on: connection, logger: logger)
        var views: [PurchaseView] = []
        for try await row in rows.decode(ViewRow.self) { views.append(try Self.view(row)) }
        return Page(items: views, total: total)
    }

    func list(filter: PurchaseFilter, page: PageRequest) async throws -> Page<Purchase> {
        var query = FilteredQuery()
        if let status = filter.status { query.add("p.status = ?", status.rawValue) }
        if let userID = filter.userID { query.add("p.user_id = ?", userID.uuid) }
        if let merchantID = filter.merchantID { query.add("p.merchant_id = ?", merchantID.uuid) }
        if let start = filter.startDate { query.add("p.created_at >= ?", start.startOfDayUTC) }
        if let end = filter.endDate { query.add("p.created_at < ?", end.nextDay.startOfDayUTC) }
        let (total, rows) = try await query.page(
            "SELECT \(Self.columns) FROM purchases p", counting: "purchases p", orderBy: "p.created_at DESC, p.id",
            page: page,
            on: connection, logger: logger)
        var purchases: [Purchase] = []
        for try await row in rows.decode(PurchaseRow.self) { purchases.append(try Self.purchase(row)) }
        return Page(items: purchases, total: total)
    }

    func longestPending(limit: Int) async throws -> [PendingPurchase] {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(Self.columns), m.name, u.email
                    FROM purchases p JOIN merchants m ON m.id = p.merchant_id JOIN users u ON u.id = p.user_id
                    WHERE p.status = 'pending' ORDER BY p.created_at, p.id LIMIT \(max(0, limit))
                    """), logger: logger)
        var pending: [PendingPurchase] = []
        for try await row in rows.decode(
            (UUID, String, UUID, UUID, UUID?, Decimal, Decimal, String, String, Date, UUID?, String, String).self)
        {
            let purchase = try Self.purchase(
                (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10))
            pending.append(PendingPurchase(purchase: purchase, merchantName: row.11, userEmail: row.12))
        }
        return pending
    }

    static func purchase(_ row: PurchaseRow) throws -> Purchase {
        let (id, externalID, userID, merchantID, offerID, amount, cashback, currency, status, createdAt, partnerID) =
            row
        return Purchase(
            id: PurchaseID(id), externalID: externalID, userID: UserID(userID), merchantID: MerchantID(merchantID),
            offerID: offerID.map(OfferID.init),
            amount: try MalformedStoredValue.money(amount, column: "purchases.amount"),
            cashbackAmount: try MalformedStoredValue.money(cashback, column: "purchases.cashback_amount"),
            currency: currency, status: try MalformedStoredValue.choice(status, column: "purchases.status"),
            createdAt: createdAt, partnerID: partnerID.map(PartnerID.init))
    }
}
