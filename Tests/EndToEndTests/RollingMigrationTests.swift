import Foundation
import TestSupport
import Testing

/// `clicknback migrate --before-rollout`, then `clicknback migrate`, as the two steps of a rolling upgrade
/// (ADR 040), with the real binary against a cluster of its own whose database the previous release migrated.
@Suite struct RollingMigrationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../migrations").standardizedFileURL

    @Test func beforeTheRolloutTheContractMigrationWaitsAndAPlainMigrateAppliesIt() async throws {
        let previousRelease = FileManager.default.temporaryDirectory.appendingPathComponent(
            "migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: previousRelease, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: previousRelease) }
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.repository.path)
        where file.hasSuffix(".sql") && (Int(file.prefix(4)) ?? .max) <= 13 {
            try FileManager.default.copyItem(
                at: Self.repository.appendingPathComponent(file), to: previousRelease.appendingPathComponent(file))
        }
        try await LoadGate.sharing {
            let cluster = try await PrivateCluster.start(migrationsDirectory: previousRelease.path)
            do {
                let environment = ["DATABASE_URL": cluster.url, "CLICKNBACK_ENV": "test"]
                let oldGuard = "SELECT count(*) FROM pg_constraint WHERE conname = 'purchases_external_id_key'"
                #expect(try await cluster.scalar("SELECT max(version) FROM schema_migrations") == "13")

                try await PrivateCluster.runBinary(["migrate", "--before-rollout"], environment: environment)
                #expect(try await cluster.scalar("SELECT max(version) FROM schema_migrations") == "14")
                #expect(try await cluster.scalar(oldGuard) == "1", "the previous release's guard stays meanwhile")

                try await PrivateCluster.runBinary(["migrate"], environment: environment)
                #expect(try await cluster.scalar("SELECT max(version) FROM schema_migrations") == "15")
                #expect(try await cluster.scalar(oldGuard) == "0")
            } catch {
                try? await cluster.destroy()
                throw error
            }
            try await cluster.destroy()
        }
    }
}
