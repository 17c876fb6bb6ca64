import Application
import Domain
import Foundation
import Postgres
import ServiceLifecycle
import TestSupport
import Testing
import Worker

/// Two workers whose own clocks disagree by ten minutes share one queue: leases, retries and expiry are
/// computed with the database's `now()`, so the skew cannot make a purchase settle twice.
@Suite struct ClockSkewTests {
    /// A bank that answers "not yet" or not at all a fifth of the time each, after 5 ms.
    struct FlakyBank: PurchaseVerifier {
        func verify(_ purchase: ClaimedVerification) async -> VerificationDisposition {
            try? await Task.sleep(for: .milliseconds(5))
            switch Double.random(in: 0..<1) {
            case ..<0.2: return .pending(reason: "no movement yet")
            case ..<0.4: return .unavailable(DownstreamFailure(.http5xx, "503"))
            default: return .confirmed
            }
        }
    }

    struct SkewedClock: WallClock {
        let offset: TimeInterval
        func now() -> Date { Date().addingTimeInterval(offset) }
    }

    @Test func workersWithSkewedClocksStillSettleEachPurchaseOnce() async throws {
        try await TestDatabase.withFresh(poolSize: 16) { (client, _) async throws in
            try await TestData.bulkPendingPurchases(client, count: 600)
            let database = PostgresUnitOfWork(client: client, logger: quiet)
            func worker(_ name: String, skew: TimeInterval) -> JobRuntime<PurchaseConfirmationJob> {
                let job = PurchaseConfirmationJob(
                    unitOfWork: database,
                    settlement: PurchaseSettlement(unitOfWork: database, clock: SkewedClock(offset: skew)),
                    verifier: FlakyBank(), owner: name, leaseDuration: .seconds(1), maxAttempts: 10, logger: quiet)
                return JobRuntime(
                    job: job, queue: DatabaseJobQueue(unitOfWork: database), breaker: breaker(threshold: 1000),
                    configuration: .init(
                        workerID: name, maxInFlight: 50, sweepInterval: .milliseconds(100),
                        leaseDuration: .seconds(1),
                        retry: RetryPolicy(
                            business: Backoff(base: .milliseconds(10), cap: .milliseconds(50)),
                            infrastructure: Backoff(base: .milliseconds(10), cap: .milliseconds(50)),
                            horizon: .seconds(3600), maxInterruptions: 100),
                        gracePeriod: .seconds(2)),
                    notifications: nil, logger: quiet)
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: [
                        .init(service: worker("ahead", skew: 600)), .init(service: worker("behind", skew: -600)),
                    ],
                    logger: quiet))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let deadline = ContinuousClock.now + .seconds(120)
                while try await TestData.count(client, "purchase_verifications") > 0, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(100))
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(try await TestData.count(client, "purchase_verifications") == 0)
            let rejected = try await TestData.count(client, "purchases", where: "status = 'rejected'")
            let journaled = try await TestData.count(client, "job_attempts")
            #expect(
                try await TestData.count(client, "purchases", where: "status = 'confirmed'") == 600,
                "\(rejected) rejected; \(journaled) attempts journaled")
            #expect(
                try await TestData.count(
                    client,
                    "(SELECT resource_id FROM audit_logs WHERE action = 'PURCHASE_CONFIRMED' GROUP BY 1 HAVING count(*) > 1) d"
                ) == 0)
            let report = try await ReconciliationService(unitOfWork: database).run()
            #expect(report.isClean, "\(report.drifts.prefix(3))")
        }
    }
}
