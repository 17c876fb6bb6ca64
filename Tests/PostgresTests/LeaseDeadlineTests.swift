import Application
import Domain
import Postgres
import PostgresNIO
import Synchronization
import TestSupport
import Testing

/// The wait for a pooled connection is bounded; the work that holds one is not.
@Suite struct LeaseDeadlineTests {
    @Test func aWaitForABusyPoolEndsAtTheDeadlineWhileTheHolderFinishesItsWork() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { (client, _) async throws in
            let patient = PostgresUnitOfWork(client: client, logger: TestDatabase.logger, leaseTimeout: .seconds(600))
            let unitOfWork = PostgresUnitOfWork(
                client: client, logger: TestDatabase.logger, leaseTimeout: .milliseconds(300))
            let (holding, holder) = AsyncStream.makeStream(of: Void.self)
            let (released, releaser) = AsyncStream.makeStream(of: Void.self)
            async let held: Bool = patient.withConnection { repositories in
                holder.yield()
                for await _ in released { break }
                return try await repositories.users.find(id: .random()) == nil
            }
            for await _ in holding { break }
            await #expect(throws: DatabaseUnavailable.self) {
                try await unitOfWork.withConnection { repositories in try await repositories.users.find(id: .random()) }
            }
            releaser.yield()
            #expect(try await held, "the unit that held the only connection ran to its end")
            let after = try await patient.withConnection { try await $0.users.find(id: .random()) }
            #expect(after == nil, "the pool serves again once the connection is back")
        }
    }

    @Test func workHoldingItsConnectionOutlivesTheDeadline() async throws {
        try await TestDatabase.withFresh(poolSize: 2) { (client, _) async throws in
            // The pool's connections are open first, so that the deadline below is only ever met by work that
            // already holds its connection. The deadline is generous (a loaded CI machine once took over 500 ms
            // to hand out an idle connection); the work then outlasts it on purpose.
            let patient = PostgresUnitOfWork(client: client, logger: TestDatabase.logger, leaseTimeout: .seconds(600))
            _ = try await patient.withConnection { try await $0.users.find(id: .random()) }
            let deadline = Duration.seconds(5)
            let unitOfWork = PostgresUnitOfWork(client: client, logger: TestDatabase.logger, leaseTimeout: deadline)
            let found = try await unitOfWork.transaction { repositories in
                try await Task.sleep(for: deadline + .seconds(1))
                return try await repositories.users.find(id: .random())
            }
            #expect(found == nil)
        }
    }

    @Test func cancellingTheCallerCancelsTheWaitForAConnection() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { (client, _) async throws in
            let unitOfWork = PostgresUnitOfWork(
                client: client, logger: TestDatabase.logger, leaseTimeout: .seconds(600))
            let (holding, holder) = AsyncStream.makeStream(of: Void.self)
            let (released, releaser) = AsyncStream.makeStream(of: Void.self)
            async let held: Void = unitOfWork.withConnection { _ in
                holder.yield()
                for await _ in released { break }
            }
            for await _ in holding { break }
            let waiter = Task { try await unitOfWork.withConnection { try await $0.users.find(id: .random()) } }
            waiter.cancel()
            await #expect(throws: (any Error).self) { try await waiter.value }
            releaser.yield()
            try await held
        }
    }
}

/// The deadline does not depend on the pool honouring the cancellation of a lease request.
@Suite struct LeaseDeadlineWithoutADatabaseTests {
    @Test func theCallerGetsItsAnswerAtTheDeadlineEvenWhenTheWaitIgnoresCancellation() async throws {
        let (arrives, connection) = AsyncStream.makeStream(of: Void.self)
        let (ended, bodyEnded) = AsyncStream.makeStream(of: Void.self)
        let ran = Mutex(false)
        let started = ContinuousClock.now
        // A backstop, so that a deadline that waits for the wait fails this test instead of hanging it.
        let backstop = Task {
            try await Task.sleep(for: .seconds(20))
            connection.yield()
        }
        defer { backstop.cancel() }
        await #expect(throws: DatabaseUnavailable.self) {
            try await LeaseDeadline.run(within: .milliseconds(200)) { leased in
                defer { bodyEnded.yield() }
                // A lease request that ignores cancellation: it ends only when the connection arrives.
                await withTaskCancellationHandler {
                    for await _ in arrives { break }
                } onCancel: {
                }
                try leased()
                ran.withLock { $0 = true }
            }
        }
        #expect(ContinuousClock.now - started < .seconds(20), "answered at the deadline, not when the wait ended")
        connection.yield()
        for await _ in ended { break }
        #expect(!ran.withLock { $0 }, "work whose connection came after the deadline never starts")
    }

    @Test func workThatHoldsItsConnectionInTimeAnswersWithItsResult() async throws {
        let answer = try await LeaseDeadline.run(within: .seconds(30)) { leased in
            try leased()
            return 42
        }
        #expect(answer == 42)
    }
}
