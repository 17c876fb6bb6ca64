import Application
import Domain
import Foundation
import Hummingbird

/// The caller's wallet summary and transactions, and any wallet's ledger for admins.
struct WalletController {
    let wallets: WalletService

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.get, "/api/v1/users/me/wallet", use: summary)
        routes.on(.get, "/api/v1/users/me/wallet/transactions", use: transactions)
        routes.on(.get, "/api/v1/admin/wallets/{user_id}/ledger", use: ledger)
    }

    @Sendable func summary(_ request: Request, context: APIRequestContext) async throws -> WalletResponse {
        let caller = try context.requireCaller()
        return WalletResponse(try await wallets.summary(for: caller.id))
    }

    @Sendable func transactions(_ request: Request, context: APIRequestContext) async throws
        -> PageResponse<WalletTransactionResponse>
    {
        let caller = try context.requireCaller()
        var query = QueryFields(request)
        let page = query.page(defaultLimit: PageLimits.fixed.defaultLimit, maxLimit: PageLimits.fixed.maxLimit)
        try query.finish()
        let result = try await wallets.transactions(for: caller.id, page: page)
        return PageResponse(result, request: page, transform: WalletTransactionResponse.init)
    }

    @Sendable func ledger(_ request: Request, context: APIRequestContext) async throws
        -> PageResponse<LedgerEntryResponse>
    {
        _ = try context.requireAdmin()
        var query = QueryFields(request)
        let page = query.page(defaultLimit: PageLimits.fixed.defaultLimit, maxLimit: PageLimits.fixed.maxLimit)
        try query.finish()
        let raw = context.parameters.get("user_id") ?? ""
        guard let userID = UserID(parsing: raw) else {
            throw APIError.validation([("user_id", "Input should be a valid UUID")])
        }
        let result = try await wallets.ledger(for: userID, page: page)
        return PageResponse(result, request: page, transform: LedgerEntryResponse.init)
    }
}

/// Balances as strings; a user without a wallet row sees `"0"` (rule R-WALLET-BALANCES, docs/rules.md).
/// `owed_balance` is an addition to the original contract: cashback reversed after it was withdrawn, paid off by
/// later cashback (ADR 017).
struct WalletResponse: ResponseEncodable {
    let pendingBalance: String
    let availableBalance: String
    let paidBalance: String
    let owedBalance: String

    init(_ wallet: Wallet?) {
        self.pendingBalance = wallet?.pending.description ?? "0"
        self.availableBalance = wallet?.available.description ?? "0"
        self.paidBalance = wallet?.paid.description ?? "0"
        self.owedBalance = wallet?.owed.description ?? "0"
    }

    enum CodingKeys: String, CodingKey {
        case pendingBalance = "pending_balance"
        case availableBalance = "available_balance"
        case paidBalance = "paid_balance"
        case owedBalance = "owed_balance"
    }
}

/// A cashback transaction as a wallet transaction (rule R-CASHBACK-TX-STATES, docs/rules.md).
struct WalletTransactionResponse: ResponseEncodable {
    let id: String
    let type = "cashback_credit"
    let amount: String
    let status: String
    let relatedPurchaseID: String

    init(_ transaction: CashbackTransaction) {
        self.id = transaction.id.uuidString.lowercased()
        self.amount = transaction.amount.description
        self.status = transaction.status.rawValue
        self.relatedPurchaseID = transaction.purchaseID.description
    }

    enum CodingKeys: String, CodingKey {
        case id, type, amount, status
        case relatedPurchaseID = "related_purchase_id"
    }
}

/// One ledger row.
struct LedgerEntryResponse: ResponseEncodable {
    let id: Int64
    let bucket: String
    let delta: String
    let reason: String
    let referenceID: String
    let createdAt: String

    init(_ entry: LedgerEntry) {
        self.id = entry.id
        self.bucket = entry.movement.bucket.rawValue
        self.delta = entry.movement.delta.description
        self.reason = entry.movement.reason.rawValue
        self.referenceID = entry.movement.referenceID.uuidString.lowercased()
        self.createdAt = WireFormat.utcTimestamp(entry.createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, bucket, delta, reason
        case referenceID = "reference_id"
        case createdAt = "created_at"
    }
}
