import Application
import Domain
import Foundation
import Hummingbird

/// The console's Money page (ADR 022): the latest reconcile result, the purchases pending longest, and the wallet
/// and ledger of an account an operator names by id or e-mail address (`?account=`, paged by `offset`).
struct ConsoleMoneyPage {
    let controller: ConsoleController

    static let pendingLimit = 20
    static let ledgerPageSize = 50
    /// Money moves slower than queues: the page refreshes itself less often.
    static let refreshSeconds = 30

    func show(_ signed: ConsoleController.Signed, _ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let account = query.get("account").map { $0.removingPercentEncoding ?? $0 } ?? ""
        let offset = query.get("offset").flatMap { Int($0) }.map { max(0, min($0, 1_000_000)) } ?? 0
        let now = Date()
        var values: [String: Any] = [
            "account": account, "pendingLimit": Self.pendingLimit, "schedule": "every hour",
            "refreshSeconds": Self.refreshSeconds,
        ]
        if let run = try await controller.money.latestReconciliation() {
            values["reconcile"] = Self.reconcile(run, now: now)
        }
        let pending = try await controller.money.longestPending(limit: Self.pendingLimit)
        values["hasPending"] = !pending.isEmpty
        values["pending"] = pending.map { Self.pending($0, now: now) }
        if !account.isEmpty {
            if account.count <= 320, let user = try await controller.money.account(named: account) {
                let (wallet, ledger) = try await controller.money.wallet(
                    of: user.id, page: PageRequest(offset: offset, limit: Self.ledgerPageSize))
                values["wallet"] = Self.wallet(user, wallet, ledger, offset: offset)
            } else {
                values["accountError"] = "No account has that id or e-mail address."
            }
        }
        var chrome = signed.chrome
        chrome["onMoney"] = true
        chrome["refreshSeconds"] = Self.refreshSeconds
        return controller.pages.page("money", title: "Money", values: values, chrome: chrome, request: request)
    }

    private static func reconcile(_ run: ReconciliationRun, now: Date) -> [String: Any] {
        let report = run.report
        return [
            "clean": run.driftCount == 0,
            "verdict": run.driftCount == 0
                ? "Clean: every wallet equals its ledger and every rule holds."
                : "\(run.driftCount) drift\(run.driftCount == 1 ? "" : "s") found: the books disagree (see the runbook).",
            "finishedAt": ConsoleItemPages.timestamp(run.finishedAt),
            "age": ConsoleController.age(now.timeIntervalSince(run.finishedAt)),
            "wallets": report.walletsChecked, "purchases": report.purchasesChecked, "payouts": report.payoutsChecked,
            "hasDrifts": !report.drifts.isEmpty, "truncated": report.drifts.count < run.driftCount,
            "shown": report.drifts.count, "count": run.driftCount,
            "drifts": report.drifts.map { ["rule": $0.rule, "subject": $0.subject, "detail": $0.detail] },
        ]
    }

    private static func pending(_ pending: PendingPurchase, now: Date) -> [String: Any] {
        let purchase = pending.purchase
        return [
            "age": ConsoleController.age(now.timeIntervalSince(purchase.createdAt)),
            "id": purchase.id.description, "externalID": purchase.externalID, "userID": purchase.userID.description,
            "email": pending.userEmail, "merchant": pending.merchantName, "amount": purchase.amount.description,
            "currency": purchase.currency, "cashback": purchase.cashbackAmount.description,
        ]
    }

    private static func wallet(_ user: User, _ wallet: Wallet, _ ledger: Page<LedgerEntry>, offset: Int)
        -> [String: Any]
    {
        var values: [String: Any] = [
            "email": user.email.value, "userID": user.id.description, "active": user.active,
            "pending": wallet.pending.description, "available": wallet.available.description,
            "paid": wallet.paid.description, "owed": wallet.owed.description,
            "hasLedger": !ledger.items.isEmpty, "total": ledger.total, "first": offset + 1,
            "last": offset + ledger.items.count,
            "ledger": ledger.items.map { entry -> [String: Any] in
                [
                    "at": ConsoleItemPages.timestamp(entry.createdAt), "bucket": entry.movement.bucket.rawValue,
                    "delta": entry.movement.delta.description, "reason": entry.movement.reason.rawValue,
                    "reference": entry.movement.referenceID.uuidString.lowercased(),
                ]
            },
        ]
        if offset > 0 { values["newer"] = ["offset": max(0, offset - ledgerPageSize)] }
        if offset + ledger.items.count < ledger.total { values["older"] = ["offset": offset + ledgerPageSize] }
        return values
    }
}
