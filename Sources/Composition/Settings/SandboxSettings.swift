public import Foundation
public import Sandbox

/// `clicknback sandbox`'s settings (a development tool; it reads no database): `SANDBOX_HOST` (127.0.0.1),
/// `SANDBOX_PORT` (8090), `SANDBOX_BANK_LATENCY_MS`, `SANDBOX_BANK_ERROR_RATE`, `SANDBOX_RAIL_LATENCY_MS`,
/// `SANDBOX_RAIL_ERROR_RATE` and `SANDBOX_RAIL_REFUSAL_RATE` (all 0 by default; rates between 0 and 1), the
/// credentials it expects (`BANK_TOKEN`, `RAIL_TOKEN`; none when unset) and `REJECTION_MERCHANT_ID` (whose
/// purchases the bank never matches), plus `LOG_LEVEL` and `LOG_FORMAT`.
public struct SandboxSettings: Sendable {
    public let host: String
    public let port: Int
    public let bank: SandboxControl
    public let rail: SandboxControl
    public let bankToken: String?
    public let railToken: String?
    public let rejectionMerchantID: UUID?
    public let logging: LoggingSettings

    public init(source: SettingsSource) throws {
        let read = SettingsReader(source: source)
        self.host = read.string("SANDBOX_HOST", default: "127.0.0.1")
        self.port = try read.int("SANDBOX_PORT", default: 8090, range: 0...65535)
        self.bank = SandboxControl(
            latencyMilliseconds: try read.int("SANDBOX_BANK_LATENCY_MS", default: 0, range: 0...600_000),
            errorRate: try read.rate("SANDBOX_BANK_ERROR_RATE"))
        self.rail = SandboxControl(
            latencyMilliseconds: try read.int("SANDBOX_RAIL_LATENCY_MS", default: 0, range: 0...600_000),
            errorRate: try read.rate("SANDBOX_RAIL_ERROR_RATE"), refusalRate: try read.rate("SANDBOX_RAIL_REFUSAL_RATE")
        )
        self.bankToken = read.optional("BANK_TOKEN").flatMap { $0.isEmpty ? nil : $0 }
        self.railToken = read.optional("RAIL_TOKEN").flatMap { $0.isEmpty ? nil : $0 }
        self.rejectionMerchantID = read.optional("REJECTION_MERCHANT_ID").flatMap(UUID.init(uuidString:))
        self.logging = try LoggingSettings(read)
    }
}

extension SettingsReader {
    /// A probability in `0 ... 1`, default 0.
    func rate(_ variable: String) throws -> Double {
        guard let text = optional(variable) else { return 0 }
        guard let value = Double(text), (0...1).contains(value) else {
            throw SettingsError(variable, "must be a number between 0 and 1 (got '\(text)')")
        }
        return value
    }
}
