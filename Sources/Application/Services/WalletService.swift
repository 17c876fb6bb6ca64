public import Domain

/// Wallet reads: the caller's balances and cashback transactions, and any wallet's ledger for admins.
public struct WalletService: Sendable {
    let unitOfWork: any UnitOfWork

    public init(unitOfWork: any UnitOfWork) { self.unitOfWork = unitOfWork }

    /// The wallet, or `nil` when the user never had a balance change (shown as zeros).
    public func summary(for userID: UserID) async throws -> Wallet? {
        try await unitOfWork.withConnection { try await $0.wallets.find(userID: userID) }
    }

    public func transactions(for userID: UserID, page: PageRequest) async throws -> Page<CashbackTransaction> {
        try await unitOfWork.withConnection { try await $0.wallets.transactions(userID: userID, page: page) }
    }

    public func ledger(for userID: UserID, page: PageRequest) async throws -> Page<LedgerEntry> {
        try await unitOfWork.withConnection { try await $0.wallets.ledger(userID: userID, page: page) }
    }
}
