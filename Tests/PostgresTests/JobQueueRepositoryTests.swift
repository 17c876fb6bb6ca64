import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

/// The generic queue bookkeeping of ADR 020 against the real tables: what each kind of failure costs, parking,
/// redrive, the crashed-attempt journal and the shared rate limit.
@Suite struct JobQueueRepositoryTests {
    private func claimOne(_ database: PostgresUnitOfWork, owner: String = "w", lease: Duration = .seconds(30))
        async throws -> ClaimedVerification?
    {
        try await database.transaction { try await $0.verifications.claim(limit: 1, owner: owner, lease: lease) }
            .first
    }

    @Test func businessRetriesCountAndInfrastructureFailuresParkOnlyPastTheHorizon() async throws {
        try await withDatabase { (database, client) async throws in
            try await TestData.bulkPendingPurchases(client, count: 1)
            let initial = try #require(try await claimOne(database))
            #expect(initial.lease.claims == 1 && initial.attempts == 0)
            let business = try await database.withConnection {
                try await $0.jobQueue.retryBusiness(
                    .purchaseConfirmation, initial.lease, after: .zero, message: "not yet")
            }
            #expect(business == .rescheduled)
            let second = try #require(try await claimOne(database))
            #expect(second.attempts == 1 && second.lease.claims == 2 && second.lease.interruptions == 0)
            let failure = DownstreamFailure(.timeout, "no answer within 5 s")
            let first = try await database.withConnection {
                try await $0.jobQueue.retryInfrastructure(
                    .purchaseConfirmation, second.lease, after: .zero, failure: failure, horizon: .seconds(3600))
            }
            #expect(first == .rescheduled)
            let claim = try #require(try await claimOne(database))
            #expect(claim.attempts == 1, "an infrastructure failure counts no business attempt")
            _ = try await client.query(
                "UPDATE purchase_verifications SET failing_since = now() - interval '2 hours'",
                logger: TestDatabase.logger)
            let late = try await database.withConnection {
                try await $0.jobQueue.retryInfrastructure(
                    .purchaseConfirmation, claim.lease, after: .zero, failure: failure, horizon: .seconds(3600))
            }
            #expect(late == .parked)
            #expect(try await claimOne(database) == nil, "parked items are never claimed")
            let item = try #require(
                try await database.withConnection {
                    try await $0.jobQueue.item(.purchaseConfirmation, id: claim.lease.itemID)
                })
            #expect(item.state == .parked && item.lastErrorClass == "timeout" && item.attempts == 1)
            let summary = try await database.withConnection { try await $0.jobQueue.summary(.purchaseConfirmation) }
            #expect(summary.counts[.parked] == 1 && summary.counts[.due] == 0)
            let parked = try await database.withConnection {
                try await $0.jobQueue.items(
                    .purchaseConfirmation, state: .parked, page: PageRequest(offset: 0, limit: 10))
            }
            #expect(parked.total == 1 && parked.items.map(\.itemID) == [claim.lease.itemID])

            #expect(
                try await database.withConnection {
                    try await $0.jobQueue.redrive(.purchaseConfirmation, id: claim.lease.itemID)
                }
            )
            #expect(
                try await !database.withConnection {
                    try await $0.jobQueue.redrive(.purchaseConfirmation, id: claim.lease.itemID)
                },
                "only a parked item can be redriven")
            let again = try #require(try await claimOne(database))
            #expect(again.attempts == 1 && again.lease.interruptions == 0, "redrive keeps the business attempts")
        }
    }

    @Test func crashesAndInterruptionsAreCountedJournaledAndParkAtTheLimit() async throws {
        try await withDatabase { (database, client) async throws in
            try await TestData.bulkPendingPurchases(client, count: 1)
            _ = try #require(try await claimOne(database, owner: "crashed-worker", lease: .milliseconds(30)))
            try await Task.sleep(for: .milliseconds(80))
            let taken = try #require(try await claimOne(database, owner: "survivor"))
            #expect(taken.lease.interruptions == 1 && taken.lease.claims == 2)
            let history = try await database.withConnection {
                try await $0.jobQueue.attempts(.purchaseConfirmation, itemID: taken.lease.itemID, limit: 10)
            }
            #expect(history.map(\.outcome) == ["crashed"] && history.first?.worker == "crashed-worker")
            #expect(history.first?.attempt == 1)
            let verdict = try await database.withConnection {
                try await $0.jobQueue.interrupt(
                    .purchaseConfirmation, taken.lease, after: .zero, message: "database refused", maxInterruptions: 2)
            }
            #expect(verdict == .parked, "the crash and this interruption make two in a row")
        }
    }

    @Test func theJournalKeepsEveryAttemptAndIsPruned() async throws {
        try await withDatabase { (database, client) async throws in
            let item = UUID()
            let records = (1...3).map { number in
                JobAttemptRecord(
                    job: .payoutSettlement, itemID: item, attempt: number, worker: "w", startedAt: Date(),
                    durationMilliseconds: number == 3 ? nil : 12.5, outcome: number == 3 ? "completed" : "unavailable",
                    errorClass: number == 3 ? nil : .http5xx, message: number == 3 ? nil : "503")
            }
            try await database.withConnection { try await $0.jobQueue.journal(records) }
            let history = try await database.withConnection {
                try await $0.jobQueue.attempts(.payoutSettlement, itemID: item, limit: 10)
            }
            #expect(history.map(\.attempt) == [3, 2, 1])
            #expect(history.first?.durationMilliseconds == nil && history.first?.errorClass == nil)
            #expect(history.last?.durationMilliseconds == 12.5 && history.last?.errorClass == .http5xx)
            _ = try await client.query(
                "UPDATE job_attempts SET started_at = now() - interval '10 days' WHERE attempt < 3",
                logger: TestDatabase.logger)
            let pruned = try await database.withConnection {
                try await $0.jobQueue.pruneJournal(olderThan: .seconds(7 * 86_400), limit: 100)
            }
            #expect(pruned == 2)
        }
    }

    @Test func theRateLimitSpacesReservationsAndRefusesFarOnes() async throws {
        try await withDatabase { (database, _) async throws in
            var waits: [Duration] = []
            var slots: [ContinuousClock.Instant] = []
            for _ in 0..<5 {
                let wait = try await database.withConnection {
                    try await $0.rateLimits.reserve(.rail, interval: .seconds(10), maxWait: .seconds(60))
                }
                waits.append(try #require(wait))
                slots.append(ContinuousClock.now + (wait ?? .zero))
            }
            // Each reserved slot is answered as a wait from now; now plus the wait is the slot, whatever time the calls
            // themselves took on a loaded machine. Four ten-second gaps span forty seconds (give or take the
            // round trips' own jitter).
            #expect(waits[0] < .seconds(1), "\(waits)")
            let span = slots[4] - slots[0]
            #expect(span > .seconds(34) && span < .seconds(46), "\(waits) span \(span)")
            let far = try await database.withConnection {
                try await $0.rateLimits.reserve(.rail, interval: .seconds(10), maxWait: .seconds(5))
            }
            #expect(far == nil)
        }
    }
}

/// The operators' service over the real queue: listing, history, and an audited redrive of parked items only.
@Suite struct JobAdministrationTests {
    @Test func aParkedItemIsListedRedrivenOnceAndAudited() async throws {
        try await withDatabase { (database, client) async throws in
            try await TestData.bulkPendingPurchases(client, count: 2)
            let claims = try await database.transaction {
                try await $0.verifications.claim(limit: 2, owner: "w", lease: .seconds(30))
            }
            let parked = try #require(claims.first)
            _ = try await database.withConnection {
                try await $0.jobQueue.park(
                    .purchaseConfirmation, parked.lease, failure: .interrupted, message: "settlement refused")
            }
            let admin = JobAdministration(unitOfWork: database, clock: SystemClock())
            let listed = try await admin.items(
                .purchaseConfirmation, state: .parked, page: PageRequest(offset: 0, limit: 5))
            #expect(listed.items.map(\.itemID) == [parked.lease.itemID] && listed.total == 1)
            let summary = try #require(try await admin.overview().first { $0.summary.job == .purchaseConfirmation })
                .summary
            #expect(summary.counts[.parked] == 1 && summary.counts[.running] == 1)
            let history = try #require(try await admin.history(.purchaseConfirmation, itemID: parked.lease.itemID))
            #expect(history.item.lastError == "settlement refused")

            let operatorID = UserID.random()
            let redriven = try await admin.redrive(
                .purchaseConfirmation, itemID: parked.lease.itemID, by: .admin(operatorID), note: "cause fixed")
            #expect(redriven.state == .due && redriven.parkedAt == nil)
            #expect(
                try await TestData.count(
                    client, "audit_logs",
                    where:
                        "action = 'JOB_ITEM_REDRIVEN' AND actor_id = '\(operatorID.uuid)' AND details->>'note' = 'cause fixed' AND details->>'last_error' = 'settlement refused'"
                ) == 1)
            await #expect(throws: JobAdministration.RedriveError.notParked(.due)) {
                try await admin.redrive(.purchaseConfirmation, itemID: parked.lease.itemID, by: .system)
            }
            await #expect(throws: JobAdministration.RedriveError.notFound) {
                try await admin.redrive(.payoutSettlement, itemID: UUID(), by: .system)
            }
            #expect(
                try await TestData.count(client, "audit_logs", where: "action = 'JOB_ITEM_REDRIVEN'") == 1,
                "a refused redrive writes no audit row")
        }
    }

    @Test func aRedrivenPayoutStartsItsBusinessAttemptsOverAPurchaseKeepsThem() async throws {
        try await withDatabase { (database, client) async throws in
            let user = try await TestData.insertUser(client)
            try await TestData.bulkPendingPurchases(client, count: 1, userID: user)
            try await client.query(
                """
                WITH p AS (
                    INSERT INTO payouts (id, user_id, amount, method, status)
                    VALUES (gen_random_uuid(), \(user), 10.00, 'card', 'processing') RETURNING id
                )
                INSERT INTO payout_settlements (payout_id, attempts, parked_at, last_error)
                SELECT id, 5, now(), 'no final answer' FROM p
                """, logger: TestDatabase.logger)
            try await client.query(
                "UPDATE purchase_verifications SET attempts = 2, parked_at = now(), interruptions = 5",
                logger: TestDatabase.logger)
            let admin = JobAdministration(unitOfWork: database, clock: SystemClock())
            for job in JobKind.allCases {
                let parked = try await admin.items(job, state: .parked, page: PageRequest(offset: 0, limit: 1))
                let item = try #require(parked.items.first)
                let redriven = try await admin.redrive(job, itemID: item.itemID, by: .system)
                #expect(redriven.state == .due && redriven.interruptions == 0)
                #expect(redriven.attempts == (job == .payoutSettlement ? 0 : 2), "\(job)")
            }
        }
    }
}
