import Configuration
import Foundation

/// Raw settings by environment-variable name: the process environment first, then an optional `.env` file.
/// Reading goes through swift-configuration; parsing and validation into typed values happens in `Settings`.
public struct SettingsSource: Sendable {
    private let reader: ConfigReader

    /// Reads the process environment and, when present, `.env` in the working directory.
    public static func environment() async throws -> SettingsSource {
        let dotEnv = try await EnvironmentVariablesProvider(environmentFilePath: ".env", allowMissing: true)
        return SettingsSource(reader: ConfigReader(providers: [EnvironmentVariablesProvider(), dotEnv]))
    }

    /// The process environment alone, read without waiting (for what is needed before the first task starts).
    public static func processEnvironment() -> SettingsSource {
        SettingsSource(reader: ConfigReader(provider: EnvironmentVariablesProvider()))
    }

    /// Fixed values, for tests.
    public init(values: [String: String]) {
        self.reader = ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: values))
    }

    private init(reader: ConfigReader) { self.reader = reader }

    /// The value of `variable` (such as `HTTP_PORT`), `nil` when unset or empty.
    func value(_ variable: String) -> String? {
        let key = variable.lowercased().replacingOccurrences(of: "_", with: ".")
        let value = reader.string(forKey: ConfigKey(key), isSecret: Self.isSecret(variable))
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func isSecret(_ variable: String) -> Bool {
        variable.contains("KEY") || variable.contains("PASSWORD") || variable == "DATABASE_URL"
    }
}
