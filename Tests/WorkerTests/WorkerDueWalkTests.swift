import Application
import Domain
import Postgres
import TestSupport
import Testing
import Worker

/// ADR 043 at the worker's level: the job's claim and the runtime's due-time query must run in a transaction, or
/// their pinned plans end with the first statement. `StaleQueueStatisticsTests` opens that transaction itself, so
/// only a test through the job and `DatabaseJobQueue` notices a caller that dropped it.
@Suite struct WorkerDueWalkTests {
    /// A bank this test never calls: it only claims.
    struct UnusedBank: PurchaseVerifier {
        func verify(_ purchase: ClaimedVerification) async -> VerificationDisposition { .confirmed }
    }

    @Test func theJobsClaimAndTheDueTimeReadTheirBatchWhenTheStatisticsSayTheQueueIsEmpty() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { (client, _) async throws in
            let database = PostgresUnitOfWork(client: client, logger: quiet, leaseTimeout: .seconds(60))
            try await TestData.bulkPendingPurchases(client, count: 10_000)
            try await StaleQueueStatistics.make(client, .analyzedBeforeTheBacklogCommitted)
            let job = PurchaseConfirmationJob(
                unitOfWork: database, settlement: PurchaseSettlement(unitOfWork: database, clock: SystemClock()),
                verifier: UnusedBank(), owner: "w", leaseDuration: .seconds(60), maxAttempts: 3, logger: quiet)

            let beforeClaim = try await StaleQueueStatistics.queueRowsRead(client)
            let claims = try await job.claim(limit: 50)
            let claimRead = try await StaleQueueStatistics.queueRowsRead(client) - beforeClaim
            #expect(claims.count == 50)
            // Without the transaction, the claim chooses its rows by scanning the whole queue (10 050 rows).
            #expect(claimRead <= 150, "the claim read \(claimRead) queue rows")

            let beforeDue = try await StaleQueueStatistics.queueRowsRead(client)
            let due = try await DatabaseJobQueue(unitOfWork: database).nextDue(.purchaseConfirmation)
            let dueRead = try await StaleQueueStatistics.queueRowsRead(client) - beforeDue
            #expect(due == .zero)
            // The walk passes the 50 leased items first; without the transaction it scans the queue (10 000 rows).
            #expect(dueRead <= 150, "the due-time query read \(dueRead) queue rows")
        }
    }
}
