import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

@Suite struct VerificationQueueRepositoryTests {
    @Test func concurrentClaimersGetDisjointItemsAndNeverMoreThanAsked() async throws {
        try await withDatabase { (database, client) async throws in
            try await TestData.bulkPendingPurchases(client, count: 100)
            let batches = try await withThrowingTaskGroup(of: [PurchaseID].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        try await database.transaction {
                            try await $0.verifications.claim(limit: 30, owner: "w\(worker)", lease: .seconds(30)).map(
                                \.purchaseID)
                        }
                    }
                }
                return try await group.reduce(into: [[PurchaseID]]()) { $0.append($1) }
            }
            #expect(batches.allSatisfy { $0.count <= 30 })
            let all = batches.flatMap { $0 }
            #expect(all.count == 100 && Set(all).count == 100)
            let again = try await database.transaction {
                try await $0.verifications.claim(limit: 10, owner: "w9", lease: .seconds(30))
            }
            #expect(again.isEmpty)
        }
    }

    @Test func expiredLeasesAreReclaimedAndTheOldTokenIsFencedOff() async throws {
        try await withDatabase { (database, client) async throws in
            try await TestData.bulkPendingPurchases(client, count: 1)
            let first = try #require(
                try await database.transaction {
                    try await $0.verifications.claim(limit: 1, owner: "a", lease: .milliseconds(50))
                }.first)
            let renewed = try await database.withConnection {
                try await $0.jobQueue.renew(
                    .purchaseConfirmation, owner: "a", ids: [first.lease.itemID], lease: .milliseconds(50))
            }
            #expect(renewed == 1)
            try await Task.sleep(for: .milliseconds(120))
            let second = try #require(
                try await database.transaction {
                    try await $0.verifications.claim(limit: 1, owner: "b", lease: .seconds(30))
                }
                .first)
            #expect(
                second.purchaseID == first.purchaseID && second.lease.claims == 2 && second.lease.interruptions == 1
                    && second.leaseToken != first.leaseToken, "an expired lease counts as a crashed attempt")
            #expect(
                try await database.withConnection {
                    try await $0.jobQueue.retryBusiness(.purchaseConfirmation, first.lease, after: .zero, message: "x")
                } == .leaseLost)
            let settlement = PurchaseSettlement(unitOfWork: database, clock: SystemClock())
            #expect(try await settlement.settle(first, .confirm) == .leaseLost)
            #expect(
                try await database.withConnection {
                    try await $0.jobQueue.renew(
                        .purchaseConfirmation, owner: "b", ids: [second.lease.itemID], lease: .seconds(30))
                } == 1)
            #expect(
                try await database.withConnection {
                    try await $0.jobQueue.renew(
                        .purchaseConfirmation, owner: "a", ids: [second.lease.itemID], lease: .seconds(30))
                } == 0)
            try await database.withConnection {
                try await $0.jobQueue.release(.purchaseConfirmation, second.lease, after: .zero)
            }
            #expect(
                try await database.transaction {
                    try await $0.verifications.claim(limit: 1, owner: "c", lease: .seconds(30))
                }
                .count == 1)
        }
    }

    @Test func claimsHonourTheAutoConfirmFlags() async throws {
        try await withDatabase { (database, client) async throws in
            let (user, merchant) = try await TestData.bulkPendingPurchases(client, count: 3)
            let flags = FeatureFlagService(unitOfWork: database, clock: SystemClock())
            let admin = UserID.random()
            func claimable() async throws -> Int {
                let claims = try await database.transaction {
                    try await $0.verifications.claim(limit: 10, owner: "t", lease: .seconds(30))
                }
                for claim in claims {
                    try await database.withConnection {
                        try await $0.jobQueue.release(.purchaseConfirmation, claim.lease, after: .zero)
                    }
                }
                return claims.count
            }
            let key = FeatureFlagKey.purchaseAutoConfirm
            _ = try await flags.set(
                FlagAssignment(key: key, enabled: false, scope: FlagScope(type: "user", id: user), description: nil),
                by: admin)
            #expect(try await claimable() == 0)
            _ = try await flags.set(
                FlagAssignment(key: key, enabled: true, scope: FlagScope(type: "user", id: user), description: nil),
                by: admin)
            _ = try await flags.set(
                FlagAssignment(key: key, enabled: false, scope: .global, description: nil), by: admin)
            _ = try await flags.set(
                FlagAssignment(
                    key: key, enabled: true, scope: FlagScope(type: "merchant", id: merchant), description: nil),
                by: admin)
            #expect(try await claimable() == 3)
            try await flags.delete(key: key.value, scope: FlagScope(type: "merchant", id: merchant), by: admin)
            #expect(try await claimable() == 0)
            try await flags.delete(key: key.value, scope: .global, by: admin)
            #expect(try await claimable() == 3)
            // With no user or merchant flag left, the global flag alone decides (the claim reads no purchase).
            try await flags.delete(key: key.value, scope: FlagScope(type: "user", id: user), by: admin)
            _ = try await flags.set(
                FlagAssignment(key: key, enabled: false, scope: .global, description: nil), by: admin)
            #expect(try await claimable() == 0)
            _ = try await flags.set(
                FlagAssignment(key: key, enabled: true, scope: .global, description: nil), by: admin)
            #expect(try await claimable() == 3)
        }
    }

    @Test func settlementAppliesOnceEvenWhenAdminsRace() async throws {
        try await withDatabase { (database, client) async throws in
            try await TestData.bulkPendingPurchases(client, count: 20)
            let claims = try await database.transaction {
                try await $0.verifications.claim(limit: 20, owner: "w", lease: .seconds(30))
            }
            let settlement = PurchaseSettlement(unitOfWork: database, clock: SystemClock())
            let purchases = PurchaseService(unitOfWork: database, clock: SystemClock())
            let admin = UserID.random()
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for claim in claims {
                    group.addTask { "\(try await settlement.settle(claim, .confirm))" }
                    group.addTask {
                        do {
                            _ = try await purchases.reverse(purchaseID: claim.purchaseID, by: admin)
                            return "reversed"
                        } catch PurchaseError.alreadyReversed {
                            return "already"
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "reversed" }.count == 20)
            #expect(try await TestData.count(client, "audit_logs", where: "action = 'PURCHASE_CONFIRMED'") <= 20)
            #expect(try await TestData.count(client, "purchase_verifications") == 0)
            let report = try await ReconciliationService(unitOfWork: database).run()
            #expect(report.isClean, "\(report.drifts)")
        }
    }
}

@Suite struct PayoutQueueRepositoryTests {
    @Test func processingPayoutsAreQueuedClaimedOnceAndSettledUnderTheirLease() async throws {
        try await withDatabase { (database, client) async throws in
            let fixture = try await MoneyFixture.make(database: database, client: client, rule: .fixed(50), cap: 1000)
            let ingested = try await fixture.purchases.ingest(
                fixture.submission("funds", cents: 10_000), by: .user(fixture.user.id))
            _ = try await fixture.purchases.confirm(purchaseID: ingested.purchase.id, by: fixture.user.id)
            let request = PayoutRequest(
                amount: Money(minorUnits: 2000), method: .card, details: ["card_token": "tok"], idempotencyKey: nil)
            let payout = try await fixture.payouts.request(request, by: fixture.user.id).payout
            _ = try await fixture.payouts.process(payoutID: payout.id, to: .processing, actor: .system)
            #expect(try await TestData.count(client, "payout_settlements") == 1)
            let claims = try await withThrowingTaskGroup(of: [ClaimedPayout].self) { group in
                for owner in ["a", "b"] {
                    group.addTask {
                        try await database.transaction {
                            try await $0.payoutQueue.claim(limit: 5, owner: owner, lease: .seconds(30))
                        }
                    }
                }
                return try await group.reduce(into: [ClaimedPayout]()) { $0 += $1 }
            }
            let claim = try #require(claims.first)
            #expect(claims.count == 1 && claim.payoutID == payout.id)
            #expect(
                try await database.withConnection {
                    try await $0.jobQueue.renew(
                        .payoutSettlement, owner: "a", ids: [payout.id.uuid], lease: .seconds(30))
                }
                    + database.withConnection {
                        try await $0.jobQueue.renew(
                            .payoutSettlement, owner: "b", ids: [payout.id.uuid], lease: .seconds(30))
                    } == 1)
            let stale = ClaimedPayout(
                payoutID: claim.payoutID, userID: claim.userID, amount: claim.amount,
                idempotencyKey: claim.idempotencyKey, lease: claim.lease.withToken(UUID()))
            #expect(try await !fixture.payouts.settle(stale, to: .completed))
            #expect(try await fixture.payouts.settle(claim, to: .completed))
            #expect(try await !fixture.payouts.settle(claim, to: .failed))
            #expect(try await TestData.count(client, "payout_settlements") == 0)
            #expect(try await fixture.wallet()?.paid == Money(minorUnits: 2000))
            try await database.withConnection {
                try await $0.jobQueue.release(.payoutSettlement, claim.lease, after: .zero)
            }
            try await fixture.expectReconciled()
        }
    }
}

@Suite struct SingleStatementSettlementTests {
    @Test func rejectsWithTheReasonAndConfirmsWithTheCashbackAndNeverTwice() async throws {
        try await withDatabase { (database, client) async throws in
            try await TestData.bulkPendingPurchases(client, count: 2)
            let claims = try await database.transaction {
                try await $0.verifications.claim(limit: 2, owner: "w", lease: .seconds(30))
            }
            let settlement = PurchaseSettlement(unitOfWork: database, clock: SystemClock())
            let reason = PurchaseSettlement.exhaustionReason(attempts: 3)
            #expect(try await settlement.settle(claims[0], .reject(reason: reason)) == .rejected)
            #expect(try await settlement.settle(claims[1], .confirm) == .confirmed)
            #expect(try await settlement.settle(claims[1], .confirm) == .alreadySettled(.confirmed))
            let stale = claims[0].withToken(UUID())
            #expect(try await settlement.settle(stale, .confirm) == .alreadySettled(.rejected))
            #expect(
                try await TestData.count(
                    client, "audit_logs",
                    where:
                        "action = 'PURCHASE_REJECTED' AND actor_type = 'system' AND details->>'reason' = '\(reason)' AND details->>'prior_status' = 'pending'"
                )
                    == 1)
            #expect(
                try await TestData.count(
                    client, "audit_logs",
                    where: "action = 'PURCHASE_CONFIRMED' AND details->>'cashback_amount' = '5.00'")
                    == 1)
            #expect(try await TestData.count(client, "cashback_transactions", where: "status = 'reversed'") == 1)
            #expect(try await TestData.count(client, "purchase_verifications") == 0)
            let report = try await ReconciliationService(unitOfWork: database).run()
            #expect(report.isClean, "\(report.drifts)")
        }
    }

    @Test func aClaimWhoseLeaseWasTakenIsNotApplied() async throws {
        try await withDatabase { (database, client) async throws in
            try await TestData.bulkPendingPurchases(client, count: 1)
            let first = try #require(
                try await database.transaction {
                    try await $0.verifications.claim(limit: 1, owner: "a", lease: .milliseconds(30))
                }.first)
            try await Task.sleep(for: .milliseconds(80))
            _ = try await database.transaction {
                try await $0.verifications.claim(limit: 1, owner: "b", lease: .seconds(30))
            }
            let settlement = PurchaseSettlement(unitOfWork: database, clock: SystemClock())
            #expect(try await settlement.settle(first, .confirm) == .leaseLost)
            #expect(try await TestData.count(client, "purchases", where: "status = 'pending'") == 1)
        }
    }

    @Test func oneStatementSettlesABatchAcrossUsersAndSkipsStaleClaims() async throws {
        try await withDatabase { (database, client) async throws in
            let (_, merchant) = try await TestData.bulkPendingPurchases(client, count: 3)
            try await TestData.bulkPendingPurchases(client, count: 2, merchantID: merchant)
            let claims = try await database.transaction {
                try await $0.verifications.claim(limit: 5, owner: "w", lease: .seconds(30))
            }
            let stale = claims[0].withToken(UUID())
            let batch =
                claims.dropFirst().enumerated().map { index, claim in
                    index.isMultiple(of: 2)
                        ? PendingSettlement(
                            claim: claim, settlement: .confirmation, action: .purchaseConfirmed, reason: nil)
                        : PendingSettlement(
                            claim: claim, settlement: .rejection, action: .purchaseRejected, reason: "no")
                } + [
                    PendingSettlement(claim: stale, settlement: .confirmation, action: .purchaseConfirmed, reason: nil)
                ]
            let applied = try await database.withConnection {
                try await $0.purchases.settleIfPending(batch, at: Date())
            }
            #expect(applied == Set(claims.dropFirst().map(\.purchaseID)))
            #expect(try await TestData.count(client, "purchases", where: "status = 'confirmed'") == 2)
            #expect(try await TestData.count(client, "purchases", where: "status = 'rejected'") == 2)
            #expect(try await TestData.count(client, "purchase_verifications") == 1)
            #expect(try await TestData.count(client, "wallet_ledger", where: "reason = 'purchase_confirmed'") == 4)
            #expect(try await TestData.count(client, "audit_logs", where: "details->>'reason' = 'no'") == 2)
            #expect(try await balances(client) == ["available": "10.00", "pending": "5.00"])
            let report = try await ReconciliationService(unitOfWork: database).run()
            #expect(report.isClean, "\(report.drifts)")
        }
    }

    @Test func manyConcurrentSettlesAreGroupedAndEachAppliedOnce() async throws {
        try await withDatabase { (database, client) async throws in
            let (_, merchant) = try await TestData.bulkPendingPurchases(client, count: 60)
            try await TestData.bulkPendingPurchases(client, count: 60, merchantID: merchant)
            let claims = try await database.transaction {
                try await $0.verifications.claim(limit: 120, owner: "w", lease: .seconds(30))
            }
            let settlement = PurchaseSettlement(unitOfWork: database, clock: SystemClock(), maxBatch: 32)
            let results = try await withThrowingTaskGroup(of: PurchaseSettlement.Result.self) { group in
                for claim in claims { group.addTask { try await settlement.settle(claim, .confirm) } }
                return try await group.reduce(into: [PurchaseSettlement.Result]()) { $0.append($1) }
            }
            #expect(results.count == 120 && results.allSatisfy { $0 == .confirmed })
            #expect(try await TestData.count(client, "audit_logs", where: "action = 'PURCHASE_CONFIRMED'") == 120)
            #expect(try await balances(client) == ["available": "600.00", "pending": "0.00"])
            let report = try await ReconciliationService(unitOfWork: database).run()
            #expect(report.isClean, "\(report.drifts)")
        }
    }

    private func balances(_ client: PostgresClient) async throws -> [String: String] {
        let rows = try await client.query(
            "SELECT sum(available_balance)::text, sum(pending_balance)::text FROM wallets", logger: TestDatabase.logger)
        for try await (available, pending) in rows.decode((String, String).self) {
            return ["available": available, "pending": pending]
        }
        return [:]
    }
}

extension QueueLease {
    /// The same claim under another token: what a worker whose lease was taken over still holds.
    func withToken(_ token: UUID) -> QueueLease {
        QueueLease(itemID: itemID, token: token, attempts: attempts, claims: claims, interruptions: interruptions)
    }
}

extension ClaimedVerification {
    func withToken(_ token: UUID) -> ClaimedVerification {
        ClaimedVerification(
            purchaseID: purchaseID, merchantID: merchantID, userID: userID, amount: amount, currency: currency,
            lease: lease.withToken(token), enqueuedAt: enqueuedAt)
    }
}
