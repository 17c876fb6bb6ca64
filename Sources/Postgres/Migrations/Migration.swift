import Crypto
public import Foundation

/// One forward-only schema change: a numbered plain SQL file from `migrations/`.
public struct Migration: Equatable, Sendable {
    /// The number before the first underscore (`0001_init.sql` → 1).
    public let version: Int
    /// The file name.
    public let name: String
    public let sql: String

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
            return Migration(version: version, name: file, sql: sql)
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
    /// An applied migration's file was edited afterwards; fix forward with a new file instead.
    case checksumMismatch(name: String, applied: String, found: String)

    public var description: String {
        switch self {
        case .badFileName(let name): "migration file name must start with a number and '_': \(name)"
        case .duplicateVersion(let first, let second): "two migrations share a version: \(first), \(second)"
        case .checksumMismatch(let name, let applied, let found):
            "migration \(name) changed after it was applied (applied checksum \(applied), file now \(found))"
        }
    }
}
