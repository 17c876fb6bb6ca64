import Foundation
import TestSupport
import Testing

/// `clicknback migrate --before-rollout`, then `clicknback migrate`, as the two steps of a rolling upgrade
/// (ADR 040), with the real binary against a cluster of its own.
@Suite struct RollingMigrationTests {
    @Test func beforeTheRolloutTheContractMigrationWaitsAndAPlainMigrateAppliesIt() async throws {
        try await LoadGate.sharing {
            let cluster = try await PrivateCluster.start(migrate: ["migrate", "--before-rollout"])
            do {
                let contract = "'0015_drop_platform_wide_external_id.sql'"
                #expect(try await cluster.scalar("SELECT max(version) FROM schema_migrations") == "14")
                #expect(
                    try await cluster.scalar(
                        "SELECT count(*) FROM pg_constraint WHERE conname = 'purchases_external_id_key'") == "1",
                    "the previous release's guard stays until the rollout is over")
                try await PrivateCluster.runBinary(
                    ["migrate"], environment: ["DATABASE_URL": cluster.url, "CLICKNBACK_ENV": "test"])
                #expect(
                    try await cluster.scalar("SELECT count(*) FROM schema_migrations WHERE name = \(contract)") == "1")
                #expect(
                    try await cluster.scalar(
                        "SELECT count(*) FROM pg_constraint WHERE conname = 'purchases_external_id_key'") == "0")
            } catch {
                try? await cluster.destroy()
                throw error
            }
            try await cluster.destroy()
        }
    }
}
