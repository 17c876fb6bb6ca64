import Application
import ArgumentParser
import Composition
import Foundation
import Hummingbird
import Logging

/// `clicknback`: one binary, one subcommand per process role.

struct ClickNBack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clicknback",
        abstract: "ClickNBack cashback platform backend.",
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
}

struct API: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "api", abstract: "Serve the HTTP API.")

    func run() async throws {
        let (settings, logger) = try await Startup.prepare(service: "api")
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

    func run() async throws {
        let (settings, logger) = try await Startup.prepare(service: "migrate")
        let applied = try await AdminTasks.migrate(settings: settings, logger: logger)
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
        commandName: "admin", abstract: "Administrative tasks.", subcommands: [Seed.self])

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seed", abstract: "Insert the demo data (idempotent).")

        func run() async throws {
            let (settings, logger) = try await Startup.prepare(service: "seed")
            try await AdminTasks.seed(settings: settings, logger: logger)
        }
    }
}
