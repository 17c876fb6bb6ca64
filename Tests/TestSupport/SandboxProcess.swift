import Foundation

/// A real `clicknback sandbox` for tests that start workers: the bank and the rail over HTTP on a port the
/// kernel picked, with its faults changeable while it runs and its received payments readable.
public final class SandboxProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched from the test task that owns this object.
    public let process: ClickNBackProcess
    public let port = ClickNBackProcess.freePort()
    public static let rejectionMerchantID = "f0000000-0000-0000-0000-000000000001"

    public var base: String { "http://127.0.0.1:\(port)" }
    public var bankURL: String { "\(base)/bank" }
    public var railURL: String { "\(base)/rail" }
    /// What a worker needs to call this sandbox.
    public var workerEnvironment: [String: String] {
        ["BANK_URL": bankURL, "RAIL_URL": railURL, "BANK_TOKEN": "bank-test-token", "RAIL_TOKEN": "rail-test-token"]
    }

    /// Starts the sandbox (`SANDBOX_*` settings in `extra`) and waits until it answers.
    public init(_ extra: [String: String] = [:]) async throws {
        process = try ClickNBackProcess(
            ["sandbox"],
            environment: [
                "SANDBOX_PORT": "\(port)", "LOG_FORMAT": "json", "LOG_LEVEL": "warning",
                "REJECTION_MERCHANT_ID": Self.rejectionMerchantID, "BANK_TOKEN": "bank-test-token",
                "RAIL_TOKEN": "rail-test-token",
            ].merging(extra) { _, new in new })
        guard await HTTPCall.waitUntilOK("\(base)/health", timeout: .seconds(60)) else {
            throw SandboxNotReady(log: process.logLines.joined(separator: "\n"))
        }
    }

    /// `PUT <service>/sandbox/control` with `json`, for `service` `bank` or `rail`.
    public func control(_ service: String, _ json: String) async throws {
        let answer = try await HTTPCall.send("PUT", "\(base)/\(service)/sandbox/control", json: json)
        guard answer.status == 200 else { throw SandboxNotReady(log: answer.body) }
    }

    /// `GET <RAIL_URL>/sandbox/payments`.
    public func payments() async throws -> [[String: Any]] {
        let answer = try await HTTPCall.send("GET", "\(railURL)/sandbox/payments")
        return (try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [[String: Any]]) ?? []
    }

    /// `GET <service>/sandbox/stats`: calls and the busiest second.
    public func stats(_ service: String) async throws -> (calls: Int, peak: Int) {
        let answer = try await HTTPCall.send("GET", "\(base)/\(service)/sandbox/stats")
        return (answer.json["calls"] as? Int ?? -1, answer.json["peak_calls_per_second"] as? Int ?? -1)
    }
}

/// The sandbox did not come up (or refused a control change); `log` says why.
public struct SandboxNotReady: Error, CustomStringConvertible {
    public let log: String
    public var description: String { "sandbox not ready: \(log)" }
}
