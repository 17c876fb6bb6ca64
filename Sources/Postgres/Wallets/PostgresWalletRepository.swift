import Application
import Domain
import Foundation
import PostgresNIO

/// Wallet balances and the append-only ledger: every balance change writes its ledger row in the same
/// transaction, and the non-negative `CHECK`s refuse what the row lock should already have prevented.
struct PostgresWalletRepository: WalletRepository {
    let connection: PostgresConnection
    let logger: Logger

    private typealias WalletRow = (UUID, Decimal, Decimal, Decimal, Decimal)

    func find(userID: UserID) async throws -> Wallet? {
        let rows = try await connection.query(
            """
            SELECT user_id, pending_balance, available_balance, paid_balance, owed_balance
            FROM wallets WHERE user_id = \(userID.uuid)
            """, logger: logger)
        for try await row in rows.decode(WalletRow.self) { return try Self.wallet(row) }
        return nil
    }

    func lock(userID: UserID) async throws -> Wallet {
        let rows = try await connection.query(
            """
            INSERT INTO wallets (user_id) VALUES (\(userID.uuid))
            ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id
            RETURNING user_id, pending_balance, available_balance, paid_balance, owed_balance
            """, logger: logger)
        for try await row in rows.decode(WalletRow.self) { return try Self.wallet(row) }
        throw MalformedStoredValue(column: "wallets", value: "lock returned no row")
    }

    func apply(_ movements: [LedgerMovement]) async throws {
        for (userID, changes) in Dictionary(grouping: movements, by: \.userID) {
            func total(_ bucket: WalletBucket) -> Decimal {
                changes.filter { $0.bucket == bucket }.reduce(Money.zero) { $0 + $1.delta }.decimal
            }
            do {
                try await connection.query(
                    """
                    UPDATE wallets SET pending_balance = pending_balance + \(total(.pending)),
                                       available_balance = available_balance + \(total(.available)),
                                       paid_balance = paid_balance + \(total(.paid)),
                                       owed_balance = owed_balance + \(total(.owed)), updated_at = now()
                    WHERE user_id = \(userID.uuid)
                    """, logger: logger)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23514" {
                throw WalletError.balanceWouldBeNegative(userID)
            }
            for movement in changes {
                try await connection.query(
                    """
                    INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id)
                    VALUES (\(userID.uuid), \(movement.bucket.rawValue), \(movement.delta.decimal),
                            \(movement.reason.rawValue), \(movement.referenceID))
                    """, logger: logger)
            }
        }
    }

    func ledger(userID: UserID, page: PageRequest) async throws -> Page<LedgerEntry> {
        var query = FilteredQuery()
        query.add("user_id = ?", userID.uuid)
        let (total, rows) = try await query.page(
            "SELECT id, user_id, bucket, delta, reason, reference_id, created_at FROM wallet_ledger",
            counting: "wallet_ledger", orderBy: "id DESC", page: page,
            on: connection, logger: logger)
        var entries: [LedgerEntry] = []
        for try await (id, user, bucket, delta, reason, reference, createdAt) in rows.decode(
            (Int64, UUID, String, Decimal, String, UUID, Date).self)
        {
            let movement = LedgerMovement(
                userID: UserID(user), bucket: try MalformedStoredValue.choice(bucket, column: "wallet_ledger.bucket"),
                delta: try MalformedStoredValue.money(delta, column: "wallet_ledger.delta"),
                reason: try MalformedStoredValue.choice(reason, column: "wallet_ledger.reason"), referenceID: reference)
            entries.append(LedgerEntry(id: id, movement: movement, createdAt: createdAt))
        }
        return Page(items: entries, total: total)
    }

    func transactions(userID: UserID, page: PageRequest) async throws -> Page<CashbackTransaction> {
        var query = FilteredQuery()
        query.add("user_id = ?", userID.uuid)
        let (total, rows) = try await query.page(
            "SELECT id, user_id, purchase_id, amount, status, created_at FROM cashback_transactions",
            counting: "cashback_transactions", orderBy: "created_at DESC, id", page: page,
            on: connection, logger: logger)
        var transactions: [CashbackTransaction] = []
        for try await (id, user, purchase, amount, status, createdAt) in rows.decode(
            (UUID, UUID, UUID, Decimal, String, Date).self)
        {
            transactions.append(
                CashbackTransaction(
                    id: id, userID: UserID(user), purchaseID: PurchaseID(purchase),
                    amount: try MalformedStoredValue.money(amount, column: "cashback_transactions.amount"),
                    status: try MalformedStoredValue.choice(status, column: "cashback_transactions.status"),
                    createdAt: createdAt))
        }
        return Page(items: transactions, total: total)
    }

    private static func wallet(_ row: WalletRow) throws -> Wallet {
        Wallet(
            userID: UserID(row.0), pending: try MalformedStoredValue.money(row.1, column: "wallets.pending_balance"),
            available: try MalformedStoredValue.money(row.2, column: "wallets.available_balance"),
            paid: try MalformedStoredValue.money(row.3, column: "wallets.paid_balance"),
            owed: try MalformedStoredValue.money(row.4, column: "wallets.owed_balance"))
    }
}
