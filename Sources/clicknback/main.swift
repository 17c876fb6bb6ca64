import ArgumentParser
import Composition
import NIOCore
import NIOPosix

// Swift Concurrency runs on NIO's event loops instead of its own pool, so a task awaiting a PostgreSQL or
// HTTP result resumes where the I/O happened: no thread switch per query (see docs/performance.md), and as
// many loops as `EVENT_LOOP_THREADS` says (ADR 036). Both must happen before any task starts, hence top-level
// code instead of `@main`.
do {
    NIOSingletons.groupLoopCountSuggestion = try EventLoopSettings.fromProcessEnvironment().threads
} catch {
    ClickNBack.exit(withError: error)
}
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

do {
    var command = try ClickNBack.parseAsRoot()
    switch command {
    case let api as API: try await api.run()
    case let worker as WorkerCommand: try await worker.run()
    case let sandbox as SandboxCommand: try await sandbox.run()
    case let migrate as Migrate: try await migrate.run()
    case let reconcile as Reconcile: try await reconcile.run()
    case let seed as Admin.Seed: try await seed.run()
    case let list as Admin.Jobs.List: try await list.run()
    case let show as Admin.Jobs.Show: try await show.run()
    case let redrive as Admin.Jobs.Redrive: try await redrive.run()
    default: try command.run()
    }
} catch {
    ClickNBack.exit(withError: error)
}
