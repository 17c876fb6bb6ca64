public import Application
import Foundation

/// The operations console's sessions (ADR 022): `CONSOLE_SESSION_IDLE_MINUTES` (a session ends after this long
/// without a request, default 30, 1–1440) and `CONSOLE_SESSION_MAX_HOURS` (and this long after sign-in whatever
/// happens, default 12, 1–168).
public struct ConsoleSettings: Sendable {
    public let lifetime: ConsoleSessionService.Lifetime

    init(_ read: SettingsReader) throws {
        let idle = try read.int("CONSOLE_SESSION_IDLE_MINUTES", default: 30, range: 1...1440)
        let maximum = try read.int("CONSOLE_SESSION_MAX_HOURS", default: 12, range: 1...168)
        self.lifetime = ConsoleSessionService.Lifetime(
            idleTimeout: TimeInterval(idle * 60), maximumAge: TimeInterval(maximum * 3600))
    }
}
