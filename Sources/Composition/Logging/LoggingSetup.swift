import Logging

/// Installs the process-wide log handler once, at start-up.
public enum LoggingSetup {
    /// JSON lines (default) or swift-log's plain text for humans at a terminal, at the configured level.
    public static func bootstrap(service: String, settings: LoggingSettings) {
        LoggingSystem.bootstrap { label in
            switch settings.format {
            case .json:
                return JSONLogHandler(service: service, level: settings.level)
            case .text:
                var handler = StreamLogHandler.standardOutput(label: label)
                handler.logLevel = settings.level
                return handler
            }
        }
    }
}
