import Application
import Domain
import Foundation
import Hummingbird

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
