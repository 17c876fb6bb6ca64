public import Application
import Credentials
import Foundation
import HTTPAPI
public import Logging
import Postgres

/// The one-shot subcommands: apply migrations, load the demo seed.
public enum AdminTasks {
    /// Applies pending migrations from `MIGRATIONS_DIR` (with `beforeRollout`, on a database in use, only those
    /// that may run while the previous release still serves: ADR 040), then keys accounts stored without a
    /// mailbox key (ADR 019); returns the names applied now.
    public static func migrate(settings: Settings, beforeRollout: Bool = false, logger: Logger) async throws
        -> [String]
    {
        let migrations = try Migration.load(from: URL(fileURLWithPath: settings.migrationsDirectory))
        return try await DatabaseSession.with(settings: settings, logger: logger) { client in
            let applied = try await MigrationRunner(client: client, logger: logger).run(
                migrations, scope: beforeRollout ? .beforeRollout : .all)
            try await MailboxKeyBackfill(client: client, logger: logger).run()
            return applied
        }
    }

    /// Checks every financial invariant; the report lists each drift found. The result is kept for the console
    /// (`reconcile_runs`); when it cannot be kept, the check's answer still stands and a warning says so.
    public static func reconcile(settings: Settings, logger: Logger) async throws -> ReconciliationReport {
        try await DatabaseSession.with(settings: settings, logger: logger) { client in
            let reconciliation = ReconciliationService(
                unitOfWork: PostgresUnitOfWork(
                    client: client, logger: logger, leaseTimeout: settings.databaseLeaseTimeout))
            let report = try await reconciliation.run()
            do {
                try await reconciliation.record(report)
            } catch {
                logger.warning(
                    "reconcile result not kept for the console", metadata: ["error": .string(String(describing: error))]
                )
            }
            return report
        }
    }

    /// Inserts the spec's development seed where missing (idempotent).
    public static func seed(settings: Settings, logger: Logger) async throws {
        let hash = try await BcryptPasswordHasher(cost: settings.bcryptCost).hash(DemoSeed.password)
        try await DatabaseSession.with(settings: settings, logger: logger) { client in
            try await DemoSeed(client: client, logger: logger).apply(passwordHash: hash)
        }
    }
}
