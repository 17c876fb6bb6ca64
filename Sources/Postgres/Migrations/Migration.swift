import Crypto
public import Foundation

/// One forward-only schema change: a numbered plain SQL file from `migrations/`.
public struct Migration: Equatable, Sendable {
    /// The number before the first underscore (`0001_init.sql` → 1).
    public let version: Int
    /// The file name.
    public let name: String
    public let sql: String

    /// Runs in one transaction, unless its comments say `-- migrate: no-transaction` (for `CREATE INDEX
    /// CONCURRENTLY` and batched backfills that commit as they go; every statement must then be safe to run again).
    public var runsInTransaction: Bool { !directives.contains("no-transaction") }

    /// A contract migration (`-- migrate: after-rollout`): it may only run once every host runs the release
    /// that ships it, so `clicknback migrate --before-rollout` stops before it (ADR 040).
    public var runsAfterRollout: Bool { directives.contains("after-rollout") }

    /// The words after `-- migrate:` on the file's comment lines.
    var directives: Set<String> {
        Set(
            sql.split(separator: "\n").compactMap { line in
                let text = line.trimmingCharacters(in: .whitespaces)
                guard text.hasPrefix(Self.directivePrefix) else { return nil }
                return text.dropFirst(Self.directivePrefix.count).trimmingCharacters(in: .whitespaces)
            })
    }

    static let directivePrefix = "-- migrate:"
    static let knownDirectives: Set<String> = ["no-transaction", "after-rollout"]

    /// Lower-case hex SHA-256 of the file's text; an applied migration whose file changed is refused.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public init(version: Int, name: String, sql: String) {
        (self.version, self.name, self.sql) = (version, name, sql)
    }

    /// Reads every `NNNN_name.sql` in `directory`, ordered by version; duplicate versions are an error.
    public static func load(from directory: URL) throws -> [Migration] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
        let migrations = try files.map { file in
            guard let prefix = file.split(separator: "_").first, let version = Int(prefix) else {
                throw MigrationError.badFileName(file)
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let migration = Migration(version: version, name: file, sql: sql)
            if let unknown = migration.directives.subtracting(knownDirectives).sorted().first {
                throw MigrationError.unknownDirective(file, unknown)
            }
            return migration
        }.sorted { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw MigrationError.duplicateVersion(previous.name, next.name)
        }
        return migrations
    }
}

/// Why migrating refused to go on.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case badFileName(String)
    case duplicateVersion(String, String)
    /// A `-- migrate:` comment this binary does not understand (a typo would silently change how the file runs).
    case unknownDirective(String, String)
    /// An applied migration's file was edited afterwards; fix forward with a new file instead.
    case checksumMismatch(name: String, applied: String, found: String)

    public var description: String {
        switch self {
        case .badFileName(let name): "migration file name must start with a number and '_': \(name)"
        case .duplicateVersion(let first, let second): "two migrations share a version: \(first), \(second)"
        case .unknownDirective(let name, let directive):
            "migration \(name) has an unknown directive '-- migrate: \(directive)' (known: after-rollout, no-transaction)"
        case .checksumMismatch(let name, let applied, let found):
            "migration \(name) changed after it was applied (applied checksum \(applied), file now \(found))"
        }
    }
}
