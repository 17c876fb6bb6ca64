public import Application
public import Hummingbird

/// Everything the HTTP API needs, assembled by the composition root.
public struct APIDependencies: Sendable {
    public let auth: AuthService
    public let users: UserService
    public let merchants: MerchantService
    public let offers: OfferService
    public let featureFlags: FeatureFlagService
    public let health: HealthService
    public let purchases: PurchaseService
    public let wallets: WalletService
    public let payouts: PayoutService
    /// Per-caller limit of purchase ingestion.
    public let ingestLimiter: RateLimiter
    /// Per-address limit of failed logins.
    public let loginLimiter: RateLimiter
    /// Per-client-address limits of failed logins and of sign-ups, and how the client address is found.
    public let clientLimits: ClientLimits
    /// Partner administration and credential lookup (ADR 015).
    public let partners: PartnerService
    /// Checks partner bearer keys and signatures.
    public let partnerAuthenticator: PartnerAuthenticator
    /// Per-partner limit of ingestion requests, shared by every API instance (ADR 038).
    public let partnerLimiter: PartnerRateLimiter
    /// Limits of the catalogue listings (`DEFAULT_PAGE_SIZE`, `MAX_PAGE_SIZE`).
    public let catalogLimits: PageLimits
    /// Browser origins allowed to call the API.
    public let cors: CORSPolicy
    /// The worker's queues as admins see and redrive them.
    public let jobs: JobAdministration
    /// The operations console's sign-in and sessions (ADR 022).
    public let consoleSessions: ConsoleSessionService
    /// How long a console session can last at most, in seconds (the cookie's lifetime).
    public let consoleSessionMaxAge: Int
    /// What the console's Money page reads.
    public let money: MoneyOverview

    public init(
        auth: AuthService, users: UserService, merchants: MerchantService, offers: OfferService,
        featureFlags: FeatureFlagService, health: HealthService, purchases: PurchaseService, wallets: WalletService,
        payouts: PayoutService, ingestLimiter: RateLimiter, loginLimiter: RateLimiter, clientLimits: ClientLimits,
        partners: PartnerService,
        partnerAuthenticator: PartnerAuthenticator, partnerLimiter: PartnerRateLimiter, catalogLimits: PageLimits,
        cors: CORSPolicy, jobs: JobAdministration, consoleSessions: ConsoleSessionService, consoleSessionMaxAge: Int,
        money: MoneyOverview
    ) {
        self.auth = auth
        self.users = users
        self.merchants = merchants
        self.offers = offers
        self.featureFlags = featureFlags
        self.health = health
        self.purchases = purchases
        self.wallets = wallets
        self.payouts = payouts
        self.ingestLimiter = ingestLimiter
        self.loginLimiter = loginLimiter
        self.clientLimits = clientLimits
        self.partners = partners
        self.partnerAuthenticator = partnerAuthenticator
        self.partnerLimiter = partnerLimiter
        self.catalogLimits = catalogLimits
        self.cors = cors
        self.jobs = jobs
        self.consoleSessions = consoleSessions
        self.consoleSessionMaxAge = consoleSessionMaxAge
        self.money = money
    }
}

/// One registered operation, as the OpenAPI document names it (`{…}` for path parameters).
public struct APIRoute: Hashable, Sendable {
    public let method: String
    public let path: String
}

/// The router and the operations it serves (logged at start-up, compared with the OpenAPI document by tests).
public struct BuiltAPI {
    public let router: Router<APIRequestContext>
    public let routes: [APIRoute]
}

/// Builds the router: cross-cutting middleware first, then public routes, then routes behind authentication.
public enum APIRouter {
    public static func build(_ dependencies: APIDependencies) -> BuiltAPI {
        let router = Router(context: APIRequestContext.self)
        let table = RouteTable()
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: CORSMiddleware(policy: dependencies.cors))
        router.add(middleware: ErrorEnvelopeMiddleware(routes: table))
        router.add(middleware: NULGuardMiddleware())

        let publicRoutes = RouteRegistrar(methods: router, table: table)
        HealthController(health: dependencies.health).register(on: publicRoutes)
        OpenAPIController().register(on: publicRoutes)
        DocsController.shipped.register(on: publicRoutes)
        let throttle = LoginThrottle(failedLogins: dependencies.loginLimiter, clients: dependencies.clientLimits)
        AuthController(auth: dependencies.auth, throttle: throttle).register(on: publicRoutes)
        ConsoleController(
            sessions: dependencies.consoleSessions, jobs: dependencies.jobs, flags: dependencies.featureFlags,
            money: dependencies.money, throttle: throttle, pages: .shipped,
            cookieMaxAge: dependencies.consoleSessionMaxAge
        ).register(on: router)
        let users = UserController(users: dependencies.users, clients: dependencies.clientLimits)
        users.registerPublic(on: publicRoutes)

        let protected = router.group().add(
            middleware: AuthenticationMiddleware(auth: dependencies.auth, partners: dependencies.partnerAuthenticator))
        let protectedRoutes = RouteRegistrar(methods: protected, table: table)
        users.registerProtected(on: protectedRoutes)
        MerchantController(merchants: dependencies.merchants, limits: dependencies.catalogLimits)
            .register(on: protectedRoutes)
        OfferController(offers: dependencies.offers, limits: dependencies.catalogLimits).register(on: protectedRoutes)
        FeatureFlagController(flags: dependencies.featureFlags, limits: dependencies.catalogLimits)
            .register(on: protectedRoutes)
        let purchases = PurchaseController(
            purchases: dependencies.purchases, ingestLimiter: dependencies.ingestLimiter,
            partnerLimiter: dependencies.partnerLimiter)
        purchases.register(on: protectedRoutes)
        // Ingestion reads the caller's account in its own statement (ADR 041).
        let ingestion = router.group().add(
            middleware: AuthenticationMiddleware(
                auth: dependencies.auth, partners: dependencies.partnerAuthenticator,
                account: .inTheHandlersStatement))
        purchases.registerIngestion(on: RouteRegistrar(methods: ingestion, table: table))
        PartnerController(partners: dependencies.partners).register(on: protectedRoutes)
        WalletController(wallets: dependencies.wallets).register(on: protectedRoutes)
        PayoutController(payouts: dependencies.payouts).register(on: protectedRoutes)
        JobController(jobs: dependencies.jobs, limits: dependencies.catalogLimits).register(on: protectedRoutes)
        return BuiltAPI(router: router, routes: table.registered)
    }
}
