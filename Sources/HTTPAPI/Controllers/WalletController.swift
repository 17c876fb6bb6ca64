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
        let page = try QueryFields.page(of: request)
        let result = try await wallets.transactions(for: caller.id, page: page)
        return PageResponse(result, request: page, transform: WalletTransactionResponse.init)
    }

    @Sendable func ledger(_ request: Request, context: APIRequestContext) async throws
        -> PageResponse<LedgerEntryResponse>
    {
        _ = try context.requireAdmin()
        let page = try QueryFields.page(of: request)
        let raw = context.parameters.get("user_id") ?? ""
        guard let userID = UserID(parsing: raw) else {
            throw APIError.validation([("user_id", "Input should be a valid UUID")])
        }
        let result = try await wallets.ledger(for: userID, page: page)
        return PageResponse(result, request: page, transform: LedgerEntryResponse.init)
    }
}
