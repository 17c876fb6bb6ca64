public import Domain
import Foundation

/// What the operations console's Money page reads (ADR 022): the latest reconcile result, the purchases pending
/// longest, and one account's wallet with its ledger, found by the id or e-mail address an operator types.
public struct MoneyOverview: Sendable {
    let unitOfWork: any UnitOfWork

    public init(unitOfWork: any UnitOfWork) { self.unitOfWork = unitOfWork }

    public func latestReconciliation() async throws -> ReconciliationRun? {
        try await unitOfWork.withConnection { try await $0.reconciliationRuns.latest() }
    }

    public func longestPending(limit: Int) async throws -> [PendingPurchase] {
        try await unitOfWork.withConnection { try await $0.purchases.longestPending(limit: limit) }
    }

    /// The account named by `text` — a user id, or an e-mail address (look-alikes not refused, so an account
    /// registered before that rule is still found) — or `nil`.
    public func account(named text: String) async throws -> User? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let id = UserID(parsing: trimmed) {
            return try await unitOfWork.withConnection { try await $0.users.find(id: id) }
        }
        guard let email = try? EmailAddress(parsing: trimmed, refusingLookalikes: false) else { return nil }
        return try await unitOfWork.withConnection { try await $0.users.find(email: email) }
    }

    /// The account's wallet (zeros when it never had a balance change) and a page of its ledger, newest first.
    public func wallet(of userID: UserID, page: PageRequest) async throws -> (Wallet, Page<LedgerEntry>) {
        try await unitOfWork.withConnection { repositories in
            let wallet =
                try await repositories.wallets.find(userID: userID)
                ?? Wallet(userID: userID, pending: .zero, available: .zero, paid: .zero)
            return (wallet, try await repositories.wallets.ledger(userID: userID, page: page))
        }
    }
}

/// A pending purchase as the console lists it: with its merchant's name and its user's address.
public struct PendingPurchase: Equatable, Sendable {
    public let purchase: Purchase
    public let merchantName: String
    public let userEmail: String

    public init(purchase: Purchase, merchantName: String, userEmail: String) {
        (self.purchase, self.merchantName, self.userEmail) = (purchase, merchantName, userEmail)
    }
}
