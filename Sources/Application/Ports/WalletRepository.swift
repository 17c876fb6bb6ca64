public import Domain

/// Wallet balances and their append-only ledger.
public protocol WalletRepository: Sendable {
    func find(userID: UserID) async throws -> Wallet?
    /// Creates the wallet if missing and holds its row lock until the transaction ends.
    func lock(userID: UserID) async throws -> Wallet
    /// Changes the balances and appends one ledger row per movement. A balance that would go negative is
    /// refused by the database (`WalletError.balanceWouldBeNegative`).
    func apply(_ movements: [LedgerMovement]) async throws
    func ledger(userID: UserID, page: PageRequest) async throws -> Page<LedgerEntry>
    func transactions(userID: UserID, page: PageRequest) async throws -> Page<CashbackTransaction>
}

/// Raised when the database's non-negative balance check refuses a movement: the last line of defence.
public enum WalletError: Error, Equatable, Sendable {
    case balanceWouldBeNegative(UserID)
}
