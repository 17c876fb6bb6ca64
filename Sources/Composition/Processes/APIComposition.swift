import Application
import Credentials
import Foundation
public import HTTPAPI
import Hummingbird
public import Logging
import NIOCore
import Postgres
public import PostgresNIO
public import ServiceLifecycle

/// The composition root of `clicknback api`: settings in, a runnable Hummingbird application out.
public enum APIComposition {
    /// Wires services over one database pool.
    public static func dependencies(settings: Settings, client: PostgresClient, logger: Logger) async throws
        -> APIDependencies
    {
        let database = PostgresUnitOfWork(client: client, logger: logger, leaseTimeout: settings.databaseLeaseTimeout)
        let clock = SystemClock()
        let hasher = BcryptPasswordHasher(
            cost: settings.bcryptCost,
            gate: BoundedWork(
                maxRunning: settings.clientLimits.passwordHashConcurrency,
                maxWaiting: settings.clientLimits.passwordHashQueue))
        let tokenSettings = try settings.tokens()
        let tokens = await JWTTokenService(
            secret: tokenSettings.hashKey, algorithm: tokenSettings.algorithm,
            accessTokenTTL: tokenSettings.accessTokenTTL, refreshTokenTTL: tokenSettings.refreshTokenTTL)
        let decoyHash = try await hasher.hash(UUID().uuidString)
        let maxPercentage = settings.catalog.maxCashbackPercentage
        let sealer =
            try settings.partners.secretKey.map { try AESGCMSecretSealer(keyMaterial: $0) }
            ?? AESGCMSecretSealer(derivingFrom: tokenSettings.hashKey)
        let auth = AuthService(unitOfWork: database, hasher: hasher, tokens: tokens, clock: clock, decoyHash: decoyHash)
        let partners = PartnerService(
            unitOfWork: database, clock: clock, sealer: sealer, rotationOverlap: settings.partners.rotationOverlap)
        return APIDependencies(
            auth: auth,
            users: UserService(unitOfWork: database, hasher: hasher, clock: clock),
            merchants: MerchantService(unitOfWork: database, clock: clock, maxCashbackPercentage: maxPercentage),
            offers: OfferService(unitOfWork: database, clock: clock, maxCashbackPercentage: maxPercentage),
            featureFlags: FeatureFlagService(unitOfWork: database, clock: clock),
            health: HealthService(probe: database),
            purchases: PurchaseService(unitOfWork: database, clock: clock),
            wallets: WalletService(unitOfWork: database),
            payouts: PayoutService(unitOfWork: database, clock: clock, minimumAmount: settings.money.payoutMinimum),
            ingestLimiter: RateLimiter(policy: settings.money.ingestLimit),
            loginLimiter: RateLimiter(policy: settings.loginLimit),
            clientLimits: ClientLimits(
                addresses: try ClientAddressPolicy(trustedProxies: settings.server.trustedProxies),
                failedLogins: RateLimiter(policy: settings.clientLimits.loginPerClient),
                registrations: RateLimiter(policy: settings.clientLimits.registrationPerClient)),
            partners: partners,
            partnerAuthenticator: PartnerAuthenticator(partners: partners),
            partnerLimiter: PartnerRateLimiter(partners: partners, policy: settings.partners.rateLimit),
            catalogLimits: PageLimits(
                defaultLimit: settings.catalog.defaultPageSize, maxLimit: settings.catalog.maxPageSize),
            cors: try CORSPolicy(
                allowedOrigins: settings.cors.allowedOrigins, originPattern: settings.cors.originPattern),
            jobs: JobAdministration(unitOfWork: database, clock: clock),
            consoleSessions: ConsoleSessionService(
                unitOfWork: database, auth: auth, clock: clock, lifetime: settings.console.lifetime),
            consoleSessionMaxAge: Int(settings.console.lifetime.maximumAge),
            money: MoneyOverview(unitOfWork: database))
    }

    /// The API process: the HTTP application in a bounded-shutdown service group (SIGTERM/SIGINT; in-flight
    /// requests get 10 s to finish).
    public static func serviceGroup(settings: Settings, logger: Logger) async throws -> ServiceGroup {
        let application = try await application(settings: settings, logger: logger)
        return ProcessServiceGroup.make(services: [.init(service: application)], graceful: .seconds(10), logger: logger)
    }

    /// The HTTP application with the pool, the systemd notifier (READY=1 once listening with the database
    /// reachable) and the admin listener (`/metrics`) as managed services. Connections are capped below the file
    /// limit, which is first raised to its hard maximum (ADR 018).
    static func application(settings: Settings, logger: Logger) async throws -> some ApplicationProtocol {
        let client = PostgresClient(
            configuration: try DatabaseURL.configuration(
                settings.databaseURL, poolSize: settings.databasePoolSize,
                statementTimeout: settings.databaseStatementTimeout, holding: .allOpen),
            backgroundLogger: logger)
        let api = APIRouter.build(try await dependencies(settings: settings, client: client, logger: logger))
        let routeCount = api.routes.count
        let listening = ReadinessLatch()
        let database = PostgresUnitOfWork(client: client, logger: logger, leaseTimeout: settings.databaseLeaseTimeout)
        let systemd = SystemdLifecycleService(notifier: SystemdNotifier(), logger: logger) {
            guard listening.isOpen else { return false }
            return (try? await database.ping()) != nil
        }
        let fileLimit = FileDescriptorLimit.raiseToHardLimit()
        let governor = ConnectionGovernor(
            capacity: FileDescriptorLimit.connectionCap(
                configured: settings.server.maxConnections, fileLimit: fileLimit,
                databasePool: settings.databasePoolSize))
        var services: [any Service] = [client, systemd]
        if settings.server.adminPort != 0 {
            services.append(
                AdminServer.make(
                    host: settings.server.adminHost, port: settings.server.adminPort,
                    health: HealthService(probe: database), logger: logger))
        }
        return Application(
            router: api.router,
            server: APIServer.http1(
                governor: governor, headerTimeout: settings.server.headerTimeout,
                idleTimeout: settings.server.idleTimeout),
            configuration: .init(address: .hostname(settings.httpHost, port: settings.httpPort), serverName: nil),
            services: services,
            onServerRunning: { _ in
                listening.open()
                logger.info(
                    "api listening",
                    metadata: [
                        "address": .string("http://\(settings.httpHost):\(settings.httpPort)"),
                        "routes": .stringConvertible(routeCount),
                        "max_connections": .stringConvertible(governor.capacity),
                        "file_limit": .stringConvertible(fileLimit),
                        "event_loop_threads": .stringConvertible(NIOSingletons.groupLoopCountSuggestion),
                    ])
            },
            logger: logger)
    }
}
