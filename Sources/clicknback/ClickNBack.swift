import Application
import ArgumentParser
import Composition
import Domain
import Foundation
import Hummingbird
import Logging

/// `clicknback`: one binary, one subcommand per process role.

struct ClickNBack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clicknback",
        abstract: "ClickNBack cashback platform backend.",
        version: "clicknback \(BuildStamp.version) (commit \(BuildStamp.commit))",
        subcommands: [API.self, WorkerCommand.self, SandboxCommand.self, Migrate.self, Reconcile.self, Admin.self])
}

/// Reads settings and installs logging, the first thing every subcommand does.
enum Startup {
    static func prepare(service: String) async throws -> (Settings, Logger) {
        let settings = try Settings(source: try await SettingsSource.environment())
        LoggingSetup.bootstrap(service: service, settings: settings.logging)
        var logger = Logger(label: "clicknback.\(service)")
        logger.logLevel = settings.logging.level
        return (settings, logger)
    }

    /// The first line of a long-running process: which release and commit this host runs (rolling upgrades).
    static func logRelease(_ logger: Logger) {
        logger.info("starting", metadata: ["version": "\(BuildStamp.version)", "commit": "\(BuildStamp.commit)"])
    }
}

struct API: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "api", abstract: "Serve the HTTP API.")

    func run() async throws {
        let (settings, logger) = try await Startup.prepare(service: "api")
        Startup.logRelease(logger)
        MetricsExport.bootstrap()
        if try settings.tokens().hashKeyGenerated {
            logger.warning("OAUTH_HASH_KEY is not set: using a random key for this process (development mode)")
        }
        try await APIComposition.serviceGroup(settings: settings, logger: logger).run()
    }
}

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run the confirmation worker daemon.")

    func run() async throws {
        let (settings, logger) = try await Startup.prepare(service: "worker")
        Startup.logRelease(logger)
        MetricsExport.bootstrap()
        try await WorkerComposition.serviceGroup(settings: settings, logger: logger).run()
    }
}

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Play the bank and the payment rail over HTTP, for development and tests (never deploy it).")

    func run() async throws {
        let settings = try SandboxSettings(source: try await SettingsSource.environment())
        LoggingSetup.bootstrap(service: "sandbox", settings: settings.logging)
        var logger = Logger(label: "clicknback.sandbox")
        logger.logLevel = settings.logging.level
        try await SandboxComposition.serviceGroup(settings: settings, logger: logger).run()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations from MIGRATIONS_DIR.")

    @Flag(
        help: """
            Stop before the first after-rollout (contract) migration, unless the database is new: the step of a \
            rolling upgrade that runs while hosts still run the previous release. Run migrate again once every \
            host is upgraded.
            """)
    var beforeRollout = false

    func run() async throws {
        let (settings, logger) = try await Startup.prepare(service: "migrate")
        let applied = try await AdminTasks.migrate(settings: settings, beforeRollout: beforeRollout, logger: logger)
        logger.info(
            "migrations done", metadata: ["applied": .string(applied.isEmpty ? "none" : applied.joined(separator: ","))]
        )
    }
}

struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Check every financial invariant; exit 1 on drift, 2 when the check cannot run.")

    @Option(help: "Also write the result as Prometheus text to this file (node_exporter textfile collector).")
    var metricsFile: String?

    func run() async throws {
        let report: ReconciliationReport
        let (settings, logger): (Settings, Logger)
        do {
            (settings, logger) = try await Startup.prepare(service: "reconcile")
        } catch {
            FileHandle.standardError.write(Data("reconcile could not start: \(error)\n".utf8))
            throw ExitCode(2)
        }
        do {
            report = try await AdminTasks.reconcile(settings: settings, logger: logger)
        } catch {
            logger.error("reconcile could not run", metadata: ["error": .string(String(describing: error))])
            writeMetrics(nil, logger: logger)
            throw ExitCode(2)
        }
        for drift in report.drifts {
            logger.error(
                "drift",
                metadata: [
                    "rule": .string(drift.rule), "subject": .string(drift.subject), "detail": .string(drift.detail),
                ])
        }
        logger.info(
            report.isClean ? "reconcile clean" : "reconcile found drift",
            metadata: [
                "wallets": .stringConvertible(report.walletsChecked),
                "purchases": .stringConvertible(report.purchasesChecked),
                "payouts": .stringConvertible(report.payoutsChecked), "drifts": .stringConvertible(report.drifts.count),
            ])
        writeMetrics(report, logger: logger)
        if !report.isClean { throw ExitCode(1) }
    }

    private func writeMetrics(_ report: ReconciliationReport?, logger: Logger) {
        guard let metricsFile else { return }
        do {
            try ReconcileMetricsFile.write(report, to: metricsFile)
        } catch {
            logger.error(
                "could not write the metrics file",
                metadata: ["path": .string(metricsFile), "error": .string(String(describing: error))])
        }
    }
}

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Administrative tasks.", subcommands: [Seed.self, Jobs.self])

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seed", abstract: "Insert the demo data (idempotent).")

        func run() async throws {
            let (settings, logger) = try await Startup.prepare(service: "seed")
            try await AdminTasks.seed(settings: settings, logger: logger)
        }
    }

    struct Jobs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "jobs", abstract: "The worker's queues: items by state, an item's history, redrive.",
            subcommands: [List.self, Show.self, Redrive.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Each job's counts by state, or with --job one job's items (JSON lines).")

            @Option(help: "purchase_confirmation or payout_settlement") var job: String?
            @Option(help: "due, running, retrying or parked") var state: String?
            @Option(help: "Items to skip.") var offset = 0
            @Option(help: "Items to print (1-500).") var limit = 50

            func run() async throws {
                let (settings, logger) = try await Startup.prepare(service: "admin")
                guard let name = job else {
                    let overview = try await JobsTasks.with(settings: settings, logger: logger) {
                        try await $0.overview()
                    }
                    for job in overview { print(JobsTasks.line(JobsTasks.object(job))) }
                    return
                }
                let kind = try Jobs.kind(name)
                let filter = try state.map { text in
                    guard let state = JobItemState(rawValue: text) else {
                        throw ValidationError("--state must be one of due, running, retrying, parked")
                    }
                    return state
                }
                guard (1...500).contains(limit), offset >= 0 else {
                    throw ValidationError("--limit must be 1-500 and --offset at least 0")
                }
                let page = try await JobsTasks.with(settings: settings, logger: logger) {
                    try await $0.items(kind, state: filter, page: PageRequest(offset: offset, limit: limit))
                }
                for item in page.items { print(JobsTasks.line(JobsTasks.object(item))) }
                print(JobsTasks.line(["total": page.total, "offset": offset, "limit": limit]))
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "One item and its attempts, newest first.")

            @Option(help: "purchase_confirmation or payout_settlement") var job: String
            @Argument(help: "The purchase or payout id.") var id: String

            func run() async throws {
                let (settings, logger) = try await Startup.prepare(service: "admin")
                let (kind, itemID) = (try Jobs.kind(job), try Jobs.uuid(id))
                guard
                    let history = try await JobsTasks.with(
                        settings: settings, logger: logger, { try await $0.history(kind, itemID: itemID) })
                else {
                    throw ValidationError("no \(kind.rawValue) item \(id) in the queue (settled items leave it)")
                }
                print(JobsTasks.line(JobsTasks.object(history.item)))
                for attempt in history.attempts { print(JobsTasks.line(JobsTasks.object(attempt))) }
            }
        }

        struct Redrive: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make a parked item due now (audited as JOB_ITEM_REDRIVEN).")

            @Option(help: "purchase_confirmation or payout_settlement") var job: String
            @Argument(help: "The purchase or payout id.") var id: String
            @Option(help: "Who redrives it and why, for the audit trail.") var note: String

            func run() async throws {
                let (settings, logger) = try await Startup.prepare(service: "admin")
                let (kind, itemID) = (try Jobs.kind(job), try Jobs.uuid(id))
                let note = self.note
                do {
                    let item = try await JobsTasks.with(settings: settings, logger: logger) {
                        try await $0.redrive(kind, itemID: itemID, by: .system, note: "cli: \(note)")
                    }
                    print(JobsTasks.line(JobsTasks.object(item)))
                } catch JobAdministration.RedriveError.notFound {
                    throw ValidationError("no \(kind.rawValue) item \(id) in the queue")
                } catch JobAdministration.RedriveError.notParked(let state) {
                    throw ValidationError("item \(id) is \(state.rawValue), not parked: nothing to redrive")
                }
            }
        }

        static func kind(_ text: String) throws -> JobKind {
            guard let kind = JobKind(rawValue: text) else {
                throw ValidationError("--job must be purchase_confirmation or payout_settlement")
            }
            return kind
        }

        static func uuid(_ text: String) throws -> UUID {
            guard let id = UUID(uuidString: text) else { throw ValidationError("'\(text)' is not a UUID") }
            return id
        }
    }
}
