import Hummingbird
public import Logging
import Sandbox
public import ServiceLifecycle

/// The composition root of `clicknback sandbox`: the bank and the rail of the downstream contract on one
/// HTTP listener, for `make run`, the tests and the benchmarks. Never deployed.
public enum SandboxComposition {
    public static func serviceGroup(settings: SandboxSettings, logger: Logger) -> ServiceGroup {
        let bank = SandboxService(token: settings.bankToken, control: settings.bank)
        let rail = SandboxService(token: settings.railToken, control: settings.rail)
        let router = SandboxRouter.build(bank: bank, rail: rail, rejectionMerchantID: settings.rejectionMerchantID)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { channel in
                logger.info(
                    "sandbox listening",
                    metadata: [
                        "bank_url": "http://\(settings.host):\(channel.localAddress?.port ?? settings.port)/bank",
                        "rail_url": "http://\(settings.host):\(channel.localAddress?.port ?? settings.port)/rail",
                    ])
            }, logger: logger)
        return ServiceGroup(
            configuration: .init(
                services: [.init(service: app), .init(service: HangRelease(services: [bank, rail]))],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    }
}

/// On graceful shutdown, ends the calls a `hang` outage holds, so the listener can drain.
struct HangRelease: Service {
    let services: [SandboxService]

    func run() async throws {
        try? await gracefulShutdown()
        for service in services { service.stop() }
    }
}
