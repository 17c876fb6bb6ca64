import Application
import Domain
import Foundation
import Logging
import ServiceLifecycle
import Testing
import Worker

let quiet = Logger(label: "test")

@Suite struct BackoffTests {
    let backoff = Backoff(base: .seconds(2), cap: .seconds(10))

    @Test func ceilingsDoubleUpToTheCap() {
        #expect(
            (1...5).map { backoff.ceiling(afterAttempt: $0) } == [
                .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10),
            ])
        #expect(backoff.ceiling(afterAttempt: 1000) == .seconds(10))
    }

    @Test func fullJitterSpansZeroToTheCeiling() {
        #expect(backoff.delay(afterAttempt: 3, random: ScriptedRandom(values: [0])) == .zero)
        #expect(backoff.delay(afterAttempt: 3, random: ScriptedRandom(values: [0.5])) == .seconds(4))
        #expect(backoff.delay(afterAttempt: 3, random: ScriptedRandom(values: [0.999])) < .seconds(8))
    }
}

@Suite struct DispatcherTests {
    @Test func claimsOnlyFreeSlotsAndNeverSpawnsAnItemTwice() async {
        let job = FakeJob()
        job.pending.withLock {
            $0 = [.init(id: 1, priorAttempts: 0), .init(id: 2, priorAttempts: 0), .init(id: 3, priorAttempts: 0)]
        }
        let inFlight = InFlight<Int>()
        _ = inFlight.insert(9)
        _ = inFlight.insert(2)
        let dispatcher = Dispatcher(job: job, maxInFlight: 4, inFlight: inFlight, logger: quiet)
        var spawned: [Int] = []
        let full = await dispatcher.dispatchOnce { spawned.append($0.id) }
        #expect(job.log.withLock { $0.claims } == [2])
        #expect(spawned == [1])
        #expect(full)
        #expect(inFlight.count == 3)
        let none = await Dispatcher(job: job, maxInFlight: 3, inFlight: inFlight, logger: quiet).dispatchOnce { _ in }
        #expect(!none && job.log.withLock { $0.claims } == [2])
    }

    @Test func aPausedJobClaimsNothing() async {
        let job = FakeJob()
        job.enabled.withLock { $0 = false }
        job.pending.withLock { $0 = [.init(id: 1, priorAttempts: 0)] }
        var spawned = 0
        _ = await Dispatcher(job: job, maxInFlight: 5, inFlight: InFlight<Int>(), logger: quiet).dispatchOnce { _ in
            spawned += 1
        }
        #expect(spawned == 0 && job.log.withLock { $0.claims }.isEmpty)
    }
}

@Suite struct ItemRunnerTests {
    func runner(_ job: FakeJob, random: Double = 0.5) -> ItemRunner<FakeJob> {
        ItemRunner(
            job: job, backoff: Backoff(base: .milliseconds(4), cap: .milliseconds(10)),
            random: ScriptedRandom(values: [random]), logger: quiet)
    }

    @Test func retriesWithPersistedAttemptsAndBoundedBackoff() async {
        let job = FakeJob(maxAttempts: 5)
        job.script.withLock { $0[1] = [.retry(reason: "a"), .retry(reason: "b"), .finished(outcome: "confirmed")] }
        await runner(job).run(.init(id: 1, priorAttempts: 0))
        let log = job.log.withLock { $0 }
        #expect(log.attempts.map(\.number) == [1, 2, 3])
        #expect(log.retries.map(\.attempts) == [1, 2])
        #expect(log.retries.map(\.delay) == [.milliseconds(2), .milliseconds(4)])
        #expect(log.exhausted.isEmpty)
    }

    @Test func exhaustsAfterTheLastSoftFailure() async {
        let job = FakeJob(maxAttempts: 3)
        job.script.withLock { $0[1] = Array(repeating: .retry(reason: "soft"), count: 5) }
        await runner(job, random: 0).run(.init(id: 1, priorAttempts: 0))
        let log = job.log.withLock { $0 }
        #expect(log.attempts.count == 3 && log.retries.count == 2 && log.exhausted == [1])
    }

    @Test func resumesFromPersistedAttempts() async {
        let job = FakeJob(maxAttempts: 3)
        job.script.withLock { $0[1] = [.retry(reason: "soft")] }
        await runner(job, random: 0).run(.init(id: 1, priorAttempts: 2))
        #expect(job.log.withLock { $0.attempts.map(\.number) } == [3])
        #expect(job.log.withLock { $0.exhausted } == [1])
        let done = FakeJob(maxAttempts: 3)
        await runner(done).run(.init(id: 2, priorAttempts: 3))
        #expect(done.log.withLock { $0.attempts.isEmpty && $0.exhausted == [2] })
    }

    @Test func aDatabaseInterruptionGivesTheItemBackWithoutSpendingAnAttempt() async {
        let job = FakeJob(maxAttempts: 1)
        job.script.withLock { $0[1] = [.interrupted(reason: "database down")] }
        await runner(job).run(.init(id: 1, priorAttempts: 0))
        let log = job.log.withLock { $0 }
        #expect(log.released == [1] && log.exhausted.isEmpty && log.retries.isEmpty)
    }

    @Test func stopsWhenTheLeaseIsLost() async {
        let job = FakeJob(maxAttempts: 5, rescheduleSucceeds: false)
        job.script.withLock { $0[1] = [.retry(reason: "soft"), .retry(reason: "soft")] }
        await runner(job).run(.init(id: 1, priorAttempts: 0))
        #expect(job.log.withLock { $0.attempts.count } == 1)
    }
}

@Suite struct JobRuntimeTests {
    func runtime(_ job: FakeJob, maxInFlight: Int = 4, grace: Duration = .seconds(5)) -> JobRuntime<FakeJob> {
        JobRuntime(
            job: job,
            configuration: .init(
                maxInFlight: maxInFlight, sweepInterval: .milliseconds(20), leaseDuration: .milliseconds(60),
                backoff: Backoff(base: .milliseconds(1), cap: .milliseconds(2)), gracePeriod: grace),
            notifications: nil, random: ScriptedRandom(values: [0.5]), logger: quiet)
    }

    func withGroup(_ service: some Service, _ body: @Sendable (ServiceGroup) async throws -> Void) async throws {
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], logger: quiet))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body(group)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func processesEveryItemWithBoundedConcurrencyAndRenewsLeases() async throws {
        let job = FakeJob(attemptDelay: .milliseconds(30))
        job.pending.withLock { pending in pending = (1...12).map { .init(id: $0, priorAttempts: 0) } }
        try await withGroup(runtime(job)) { _ in
            for _ in 0..<200 where job.log.withLock({ $0.attempts.count }) < 12 {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        let log = job.log.withLock { $0 }
        #expect(Set(log.attempts.map(\.id)) == Set(1...12))
        #expect(log.claims.allSatisfy { $0 <= 4 })
        #expect(log.renewed.contains { !$0.isEmpty })
    }

    @Test func gracefulShutdownReleasesWaitingItemsAndFinishesRunningOnes() async throws {
        let job = FakeJob(maxAttempts: 5, attemptDelay: .milliseconds(200))
        job.pending.withLock { $0 = [.init(id: 1, priorAttempts: 0), .init(id: 2, priorAttempts: 0)] }
        job.script.withLock { $0[1] = [.retry(reason: "slow bank")] }
        let slowBackoff = JobRuntime(
            job: job,
            configuration: .init(
                maxInFlight: 4, sweepInterval: .milliseconds(20), leaseDuration: .seconds(3),
                backoff: Backoff(base: .seconds(60), cap: .seconds(60)), gracePeriod: .seconds(5)),
            notifications: nil, random: ScriptedRandom(values: [0.9]), logger: quiet)
        let started = ContinuousClock.now
        try await withGroup(slowBackoff) { _ in
            for _ in 0..<100 where job.log.withLock({ $0.retries.isEmpty }) {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        let log = job.log.withLock { $0 }
        #expect(log.released == [1])
        #expect(log.attempts.filter { $0.id == 2 }.count == 1)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func thePauseFlagStopsClaiming() async throws {
        let job = FakeJob()
        job.enabled.withLock { $0 = false }
        job.pending.withLock { $0 = [.init(id: 1, priorAttempts: 0)] }
        try await withGroup(runtime(job)) { _ in
            try await Task.sleep(for: .milliseconds(100))
            #expect(job.log.withLock { $0.attempts.isEmpty })
            job.enabled.withLock { $0 = true }
            for _ in 0..<100 where job.log.withLock({ $0.attempts.isEmpty }) {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        #expect(job.log.withLock { $0.attempts.map(\.id) } == [1])
    }
}

@Suite struct SimulationTests {
    @Test func theBankConfirmsSoftFailsAndNeverReconcilesTheRejectionMerchant() async {
        let rejection = MerchantID.random()
        let bank = SimulatedBank(
            latency: .zero, softFailureRate: 0.5, rejectionMerchantID: rejection,
            random: ScriptedRandom(values: [0.9, 0.1]))
        #expect(await bank.verify(purchaseID: .random(), merchantID: .random(), attempt: 1) == .confirmed)
        #expect(
            await bank.verify(purchaseID: .random(), merchantID: .random(), attempt: 1)
                == .pending(reason: "bank did not answer (simulated)"))
        #expect(
            await bank.verify(purchaseID: .random(), merchantID: rejection, attempt: 9)
                == .pending(reason: "no matching bank movement yet"))
    }

    @Test func theRailCompletesOrFails() async {
        #expect(
            await SimulatedPaymentRail(latency: .zero, failureRate: 0, random: ScriptedRandom(values: [0])).send(
                payoutID: .random(), attempt: 1) == .completed)
        #expect(
            await SimulatedPaymentRail(latency: .zero, failureRate: 1, random: ScriptedRandom(values: [0.5])).send(
                payoutID: .random(), attempt: 1) == .failed(reason: "account closed (simulated)"))
    }
}
