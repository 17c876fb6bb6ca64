import Logging
import ServiceLifecycle
import Testing
import Worker

@Suite struct ConfirmationWorkerTests {
    @Test func startsAndStopsCleanlyOnGracefulShutdown() async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: ConfirmationWorker(logger: Logger(label: "test")))],
                logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(50))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
