import Application
import Domain
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import Worker

let quiet = Logger(label: "test")

func breaker(threshold: Int = 3, cooldown: Duration = .seconds(60)) -> CircuitBreaker {
    CircuitBreaker(
        downstream: .bank, threshold: threshold, cooldown: cooldown, probeTimeout: .seconds(30), logger: quiet)
}

let policy = RetryPolicy(
    business: Backoff(base: .milliseconds(4), cap: .milliseconds(10)),
    infrastructure: Backoff(base: .milliseconds(100), cap: .seconds(1)), horizon: .seconds(3600), maxInterruptions: 3)

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

@Suite struct CircuitBreakerTests {
    @Test func opensAfterTheThresholdProbesOnceAndClosesOnAnAnswer() async throws {
        let breaker = breaker(threshold: 3, cooldown: .seconds(1))
        breaker.recordFailure()
        breaker.recordFailure()
        #expect(breaker.permit() == .all, "two failures are below the threshold")
        breaker.recordAnswer()
        for _ in 0..<3 { breaker.recordFailure() }
        guard case .none = breaker.permit() else { Issue.record("open after three failures in a row"); return }
        let deadline = ContinuousClock.now + .seconds(30)
        while case .none = breaker.permit(), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        guard case .none = breaker.permit() else {
            Issue.record("one probe at a time while half-open")
            return
        }
        breaker.recordAnswer()
        #expect(breaker.permit() == .all && breaker.isClosed)
    }

    @Test func aFailedProbeOpensItAgainAndAnUnusedProbeCanBeRetaken() async throws {
        let breaker = breaker(threshold: 1, cooldown: .seconds(1))
        breaker.recordFailure()
        let deadline = ContinuousClock.now + .seconds(30)
        var permit = breaker.permit()
        while permit != .probe, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            permit = breaker.permit()
        }
        #expect(permit == .probe)
        breaker.probeUnused()
        #expect(breaker.permit() == .probe, "nothing was claimed, so the next dispatch may probe")
        breaker.recordFailure()
        guard case .none(let wait) = breaker.permit() else { Issue.record("a failed probe reopens"); return }
        #expect(wait > .seconds(1), "the cool-down doubled")
    }
}

@Suite struct DispatcherTests {
    func dispatcher(_ job: FakeJob, _ queue: FakeQueue, _ breaker: CircuitBreaker, max: Int, _ held: InFlight<UUID>)
        -> Dispatcher<FakeJob>
    {
        Dispatcher(
            job: job, queue: queue, breaker: breaker, alarm: DueAlarm(), maxInFlight: max, inFlight: held,
            logger: quiet)
    }

    @Test func claimsOnlyFreeSlotsAndNeverSpawnsAnItemTwice() async {
        let job = FakeJob()
        job.pending.withLock { $0 = [.init(id: 1), .init(id: 2), .init(id: 3)] }
        let inFlight = InFlight<UUID>()
        _ = inFlight.insert(FakeJob.uuid(9))
        _ = inFlight.insert(FakeJob.uuid(2))
        var spawned: [Int] = []
        let full = await dispatcher(job, FakeQueue(), breaker(), max: 4, inFlight).dispatchOnce {
            spawned.append($0.id)
        }
        #expect(job.claims.withLock { $0 } == [2])
        #expect(spawned == [1])
        #expect(full)
        #expect(inFlight.count == 3)
        let none = await dispatcher(job, FakeQueue(), breaker(), max: 3, inFlight).dispatchOnce { _ in }
        #expect(!none && job.claims.withLock { $0 } == [2])
    }

    /// A claim the database never answers (a worker once stopped claiming for good after an outage) is abandoned
    /// at the claim deadline; the dispatcher schedules the next claim, which takes the item.
    @Test func aClaimThatNeverAnswersIsAbandonedAndTheNextOneRuns() async throws {
        let job = FakeJob()
        job.pending.withLock { $0 = [.init(id: 1)] }
        job.hangingClaims.withLock { $0 = 1 }
        let alarm = DueAlarm()
        let dispatcher = Dispatcher(
            job: job, queue: FakeQueue(), breaker: breaker(), alarm: alarm, maxInFlight: 5, inFlight: InFlight(),
            logger: quiet, claimDeadline: .milliseconds(200))
        let spawned = Mutex<[Int]>([])
        let answer = Mutex<Bool?>(nil)
        Task {
            let claimedAll = await dispatcher.dispatchOnce { item in spawned.withLock { $0.append(item.id) } }
            answer.withLock { $0 = claimedAll }
        }
        let answerBy = ContinuousClock.now + .seconds(15)
        while answer.withLock({ $0 }) == nil && ContinuousClock.now < answerBy {
            try await Task.sleep(for: .milliseconds(50))
        }
        let first = answer.withLock { $0 }
        job.releaseHungClaims()  // without the deadline the first claim would still be waiting: let it end
        #expect(first == false, "the dispatcher answered at the claim deadline, having spawned nothing")
        #expect(spawned.withLock { $0 }.isEmpty)
        let retryBy = ContinuousClock.now + .seconds(30)
        while !alarm.fire() && ContinuousClock.now < retryBy { try await Task.sleep(for: .milliseconds(50)) }
        #expect(ContinuousClock.now < retryBy, "a retry was scheduled")
        _ = await dispatcher.dispatchOnce { item in spawned.withLock { $0.append(item.id) } }
        #expect(spawned.withLock { $0 } == [1] && job.claims.withLock { $0 } == [5, 5])
    }

    @Test func aPausedJobClaimsNothing() async {
        let job = FakeJob()
        let queue = FakeQueue()
        queue.enabled.withLock { $0 = false }
        job.pending.withLock { $0 = [.init(id: 1)] }
        var spawned = 0
        _ = await dispatcher(job, queue, breaker(), max: 5, InFlight()).dispatchOnce { _ in spawned += 1 }
        #expect(spawned == 0 && job.claims.withLock { $0 }.isEmpty)
    }

    @Test func anOpenBreakerClaimsNothing() async {
        let job = FakeJob()
        job.pending.withLock { $0 = [.init(id: 1)] }
        let open = breaker(threshold: 1)
        open.recordFailure()
        _ = await dispatcher(job, FakeQueue(), open, max: 5, InFlight()).dispatchOnce { _ in }
        #expect(job.claims.withLock { $0 }.isEmpty)
    }
}

@Suite struct ItemRunnerTests {
    func runner(
        _ job: FakeJob, _ queue: FakeQueue, rateLimit: SharedRateLimit? = nil, journal: AttemptJournal? = nil,
        alarm: DueAlarm = DueAlarm(), leaseDuration: Duration = .seconds(30)
    ) -> ItemRunner<FakeJob> {
        ItemRunner(
            job: job, queue: queue, policy: policy, breaker: breaker(), rateLimit: rateLimit, alarm: alarm,
            leaseDuration: leaseDuration, journal: journal ?? AttemptJournal(), workerID: "w1",
            random: ScriptedRandom(values: [0.5]), logger: quiet)
    }

    /// How long after `start` the alarm went off; `nil` when it did not within a generous deadline.
    func ringsAfter(_ alarm: DueAlarm, since start: ContinuousClock.Instant) async throws -> Duration? {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if alarm.fire() { return ContinuousClock.now - start }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    @Test func aBusinessNotYetGoesBackToTheQueueCountedWithItsBackoff() async {
        let (job, queue) = (FakeJob(maxAttempts: 5), FakeQueue())
        job.script.withLock { $0[1] = [.retry(reason: "no movement yet")] }
        let journal = AttemptJournal(capacity: 10)
        await runner(job, queue, journal: journal).run(.init(id: 1, attempts: 1))
        #expect(queue.writes.withLock { $0 } == [.business(FakeJob.uuid(1), delay: .milliseconds(4))])
        let line = journal.drain()
        #expect(line.map(\.outcome) == ["retry"] && line.first?.errorClass == .business && line.first?.attempt == 2)
        #expect(job.exhausted.withLock { $0 }.isEmpty)
    }

    @Test func theLastBusinessNotYetExhausts() async {
        let (job, queue) = (FakeJob(maxAttempts: 3), FakeQueue())
        job.script.withLock { $0[1] = [.retry(reason: "no movement yet")] }
        await runner(job, queue).run(.init(id: 1, attempts: 2))
        #expect(job.exhausted.withLock { $0 } == [1] && queue.writes.withLock { $0 }.isEmpty)
        #expect(job.exhaustedAfter.withLock { $0 } == [3], "the reason counts the attempt just made")
        let spent = FakeJob(maxAttempts: 3)
        await runner(spent, queue).run(.init(id: 2, attempts: 5))
        #expect(spent.attempts.withLock { $0 }.isEmpty && spent.exhausted.withLock { $0 } == [2])
        #expect(spent.exhaustedAfter.withLock { $0 } == [5], "the attempts really made, not the setting")
    }

    @Test func anInfrastructureFailureNeverCountsNorExhausts() async {
        let (job, queue) = (FakeJob(maxAttempts: 1), FakeQueue())
        job.script.withLock { $0[1] = [.unavailable(DownstreamFailure(.timeout, "deadline passed"))] }
        await runner(job, queue).run(.init(id: 1, attempts: 0))
        #expect(job.exhausted.withLock { $0 }.isEmpty)
        guard case .infrastructure(_, .timeout, let delay) = queue.writes.withLock({ $0.first }) else {
            Issue.record("\(queue.writes.withLock { $0 })")
            return
        }
        #expect(delay == .milliseconds(50))
    }

    @Test func aDatabaseInterruptionCountsAnInterruptionAndTheBudgetParks() async {
        let (job, queue) = (FakeJob(maxAttempts: 1), FakeQueue())
        job.script.withLock { $0[1] = [.interrupted(reason: "database down")] }
        await runner(job, queue).run(.init(id: 1))
        #expect(queue.writes.withLock { $0 } == [.interrupt(FakeJob.uuid(1), max: 3)])
        await runner(job, queue).run(.init(id: 2, interruptions: 3))
        #expect(queue.writes.withLock { $0.last } == .park(FakeJob.uuid(2), .crashed))
        #expect(job.attempts.withLock { $0 } == [1], "a parked item makes no call")
    }

    @Test func aFullRateLimitPutsTheItemBackUncounted() async {
        let (job, queue) = (FakeJob(), FakeQueue())
        queue.reservation.withLock { $0 = nil }
        // Any lateness allowed: a loaded machine may oversleep the 20 ms wait below by far.
        let limit = SharedRateLimit(
            downstream: .bank, callsPerSecond: 10, maxWait: .milliseconds(700), lateness: .seconds(3600))
        await runner(job, queue, rateLimit: limit).run(.init(id: 1))
        #expect(job.attempts.withLock { $0 }.isEmpty)
        #expect(queue.writes.withLock { $0 } == [.release(FakeJob.uuid(1), delay: .milliseconds(700))])
        queue.reservation.withLock { $0 = .milliseconds(20) }
        await runner(job, queue, rateLimit: limit).run(.init(id: 2))
        #expect(job.attempts.withLock { $0 } == [2] && queue.reservations.withLock { $0 } == 2)
    }

    // Without the alarm, the item would wait for the next sweep (a minute in production) although the database
    // is back; with it set too early, the claim would find the item still leased, and wait for the sweep as well.
    @Test func aQueueWriteThatFailsSetsTheAlarmForTheLeasesEnd() async throws {
        let (job, queue, alarm) = (FakeJob(), FakeQueue(), DueAlarm())
        job.script.withLock { $0[1] = [.unavailable(DownstreamFailure(.timeout, "deadline passed"))] }
        queue.writesFail.withLock { $0 = true }
        let lease = Duration.milliseconds(800)
        let start = ContinuousClock.now
        await runner(job, queue, alarm: alarm, leaseDuration: lease).run(.init(id: 1))
        #expect(queue.failedWrites.withLock { $0 } == 1, "the retry's write was tried")
        let rang = try await ringsAfter(alarm, since: start)
        #expect(
            rang.map { $0 >= lease } == true,
            "the alarm goes off once the lease has run out: \(String(describing: rang))")
    }

    @Test func aReleaseThatFailsSetsTheAlarmForTheLeasesEnd() async throws {
        let (job, queue, alarm) = (FakeJob(), FakeQueue(), DueAlarm())
        queue.reservation.withLock { $0 = nil }
        queue.writesFail.withLock { $0 = true }
        let limit = SharedRateLimit(downstream: .bank, callsPerSecond: 10, maxWait: .seconds(3600), lateness: .zero)
        let lease = Duration.milliseconds(800)
        let start = ContinuousClock.now
        await runner(job, queue, rateLimit: limit, alarm: alarm, leaseDuration: lease).run(.init(id: 1))
        #expect(job.attempts.withLock { $0 }.isEmpty && queue.failedWrites.withLock { $0 } == 1)
        let rang = try await ringsAfter(alarm, since: start)
        #expect(rang.map { $0 >= lease } == true, "not at once, not an hour later: \(String(describing: rang))")
    }

    @Test func aCallThatCannotStartInTimeForItsSlotGivesTheSlotUp() async {
        let (job, queue) = (FakeJob(), FakeQueue())
        queue.reservation.withLock { $0 = .milliseconds(30) }
        // No lateness allowed: waking from the wait for the slot is already too late.
        let limit = SharedRateLimit(downstream: .bank, callsPerSecond: 10, maxWait: .seconds(2), lateness: .zero)
        await runner(job, queue, rateLimit: limit).run(.init(id: 1))
        #expect(job.attempts.withLock { $0 }.isEmpty, "a late call would bunch with the next second's")
        #expect(queue.writes.withLock { $0 } == [.release(FakeJob.uuid(1), delay: .milliseconds(105))])
    }
}

@Suite struct JobRuntimeTests {
    func runtime(_ job: FakeJob, _ queue: FakeQueue, maxInFlight: Int = 4) -> JobRuntime<FakeJob> {
        JobRuntime(
            job: job, queue: queue, breaker: breaker(),
            configuration: .init(
                workerID: "w1", maxInFlight: maxInFlight, sweepInterval: .milliseconds(20),
                leaseDuration: .milliseconds(60), retry: policy, gracePeriod: .seconds(5)),
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

    @Test func processesEveryItemWithBoundedConcurrencyRenewsLeasesAndJournals() async throws {
        let (job, queue) = (FakeJob(attemptDelay: .milliseconds(30)), FakeQueue())
        job.pending.withLock { pending in pending = (1...12).map { .init(id: $0) } }
        // Attempts stay in flight until a renewal has covered some: on a busy machine the renewal tick
        // could otherwise come only after every attempt had finished.
        job.holdAttemptsUntil.withLock { $0 = { queue.renewed.withLock { $0.contains { !$0.isEmpty } } } }
        try await withGroup(runtime(job, queue)) { _ in
            let deadline = ContinuousClock.now + .seconds(30)
            while job.attempts.withLock({ $0.count }) < 12, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        #expect(Set(job.attempts.withLock { $0 }) == Set(1...12))
        #expect(job.claims.withLock { $0 }.allSatisfy { $0 <= 4 })
        #expect(queue.renewed.withLock { $0 }.contains { !$0.isEmpty })
        #expect(queue.journaled.withLock { $0.count } == 12, "graceful shutdown writes what is buffered")
    }

    @Test func aRetryingItemFreesItsSlotForTheNextOne() async throws {
        let (job, queue) = (FakeJob(maxAttempts: 5), FakeQueue())
        job.pending.withLock { $0 = [.init(id: 1), .init(id: 2)] }
        job.script.withLock { $0[1] = [.retry(reason: "no movement yet")] }
        try await withGroup(runtime(job, queue, maxInFlight: 1)) { _ in
            let deadline = ContinuousClock.now + .seconds(30)
            while job.attempts.withLock({ $0.count }) < 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        #expect(job.attempts.withLock { $0 } == [1, 2], "one slot, and item 2 ran while item 1 waits in the queue")
    }

    @Test func reportsItsBreakerStateForTheConsoleAsSoonAsItStarts() async throws {
        let (job, queue) = (FakeJob(), FakeQueue())
        let breaker = breaker(threshold: 1)
        breaker.recordFailure()
        let runtime = JobRuntime(
            job: job, queue: queue, breaker: breaker,
            configuration: .init(
                workerID: "w1", maxInFlight: 1, sweepInterval: .milliseconds(20), leaseDuration: .milliseconds(60),
                retry: policy, gracePeriod: .seconds(5)),
            notifications: nil, random: ScriptedRandom(values: [0.5]), logger: quiet)
        try await withGroup(runtime) { _ in
            let deadline = ContinuousClock.now + .seconds(30)
            while queue.breakerReports.withLock({ $0.isEmpty }), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        #expect(queue.breakerReports.withLock { $0.first } == .open, "reported without waiting for the interval")
    }

    @Test func aFailedClaimIsTriedAgainSoonWithoutWaitingForTheSweep() async throws {
        let (job, queue) = (FakeJob(), FakeQueue())
        job.failingClaims.withLock { $0 = 1 }
        job.pending.withLock { $0 = [.init(id: 7)] }
        let slowSweep = JobRuntime(
            job: job, queue: queue, breaker: breaker(),
            configuration: .init(
                workerID: "w1", maxInFlight: 4, sweepInterval: .seconds(3600), leaseDuration: .seconds(60),
                retry: policy, gracePeriod: .seconds(5)),
            notifications: nil, random: ScriptedRandom(values: [0.5]), logger: quiet)
        try await withGroup(slowSweep) { _ in
            let deadline = ContinuousClock.now + .seconds(30)
            while job.attempts.withLock({ $0.isEmpty }), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        #expect(job.attempts.withLock { $0 } == [7], "claimed again after the failure, not an hour later")
        #expect(job.claims.withLock { $0.count } >= 2)
    }

    @Test func thePauseFlagStopsClaiming() async throws {
        let (job, queue) = (FakeJob(), FakeQueue())
        queue.enabled.withLock { $0 = false }
        job.pending.withLock { $0 = [.init(id: 1)] }
        try await withGroup(runtime(job, queue)) { _ in
            // Once the dispatcher has read the flag (and stood still), nothing may have been attempted.
            let consulted = ContinuousClock.now + .seconds(30)
            while queue.enabledChecks.withLock({ $0 }) == 0, ContinuousClock.now < consulted {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(queue.enabledChecks.withLock { $0 } > 0 && job.attempts.withLock { $0 }.isEmpty)
            queue.enabled.withLock { $0 = true }
            let deadline = ContinuousClock.now + .seconds(30)
            while job.attempts.withLock({ $0.isEmpty }), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        #expect(job.attempts.withLock { $0 } == [1])
    }
}
