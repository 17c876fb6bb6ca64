import Foundation
public import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Musl)
    import Musl
    private let systemWrite = Musl.write
#endif

/// Writes one JSON object per line: `ts` (RFC 3339 UTC, milliseconds), `level`, `service`, `msg`, then the
/// metadata fields (`request_id`, `user_id`, `duration_ms`, `error`, …) at the top level for `jq`.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let service: String
    let output: LogOutput

    public init(service: String, level: Logger.Level, output: LogOutput = .standardOutput) {
        self.service = service
        self.logLevel = level
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        output.write(line(for: event))
    }

    /// The JSON line for one event (without the newline).
    func line(for event: LogEvent) -> [UInt8] {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        fields["ts"] = .string(UTCTimestamp.format(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000)))
        fields["level"] = .string(event.level.rawValue)
        fields["service"] = .string(service)
        fields["msg"] = .string(event.message.description)
        return JSONLine.object(fields)
    }
}

/// Where log lines go: stdout (journald in production) or a buffer in tests. Lines are written whole
/// under a lock so concurrent tasks never interleave them.
public final class LogOutput: Sendable {
    private let sink: Mutex<Sink>

    private enum Sink {
        case standardOutput
        case memory([String])
    }

    private init(_ sink: Sink) { self.sink = Mutex(sink) }

    public static let standardOutput = LogOutput(.standardOutput)

    /// A fresh in-memory output.
    public static func memory() -> LogOutput { LogOutput(.memory([])) }

    /// The lines written to an in-memory output.
    public var lines: [String] {
        sink.withLock { sink in
            if case .memory(let lines) = sink { return lines }
            return []
        }
    }

    /// Writes the UTF-8 line and its newline.
    func write(_ line: [UInt8]) {
        sink.withLock { sink in
            switch sink {
            case .standardOutput:
                var whole = line
                whole.append(UInt8(ascii: "\n"))
                whole.withUnsafeBytes { Self.writeToStandardOutput($0) }
            case .memory(var lines):
                lines.append(String(decoding: line, as: UTF8.self))
                sink = .memory(lines)
            }
        }
    }

    /// `write(2)` until every byte is out; a line that cannot be written (stdout closed) is dropped, since a log
    /// line must never take the process down.
    private static func writeToStandardOutput(_ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(STDOUT_FILENO, start + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
