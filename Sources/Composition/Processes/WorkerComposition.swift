import Application
import AsyncHTTPClient
import Domain
import Downstreams
public import Logging
import Postgres
import PostgresNIO
public import ServiceLifecycle
import Worker

/// The composition root of `clicknback worker`: the database pool and two jobs on the shared runtime.
public enum WorkerComposition {
    /// Services in start order; the group stops them in reverse on SIGTERM/SIGINT, so the pool goes last.
    public static func serviceGroup(settings: Settings, logger: Logger) throws -> ServiceGroup {
        let client = PostgresClient(
            configuration: try DatabaseURL.configuration(
                settings.databaseURL, poolSize: settings.worker.databasePoolSize,
                statementTimeout: settings.databaseStatementTimeout),
            backgroundLogger: logger)
        let downstreams = settings.worker.downstreams
        guard let bankURL = downstreams.bankURL else {
            throw SettingsError("BANK_URL", "is required by the worker (the sandbox's is http://127.0.0.1:8090/bank)")
        }
        guard let railURL = downstreams.railURL else {
            throw SettingsError("RAIL_URL", "is required by the worker (the sandbox's is http://127.0.0.1:8090/rail)")
        }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: downstreams.maxConnections)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let bank = HTTPBank(
            client: http,
            endpoint: DownstreamEndpoint(
                downstream: .bank, baseURL: bankURL, token: downstreams.bankToken, timeout: downstreams.bankTimeout))
        let rail = HTTPPaymentRail(
            client: http,
            endpoint: DownstreamEndpoint(
                downstream: .rail, baseURL: railURL, token: downstreams.railToken, timeout: downstreams.railTimeout))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: client), .init(service: HTTPClientService(client: http)),
        ]
        if settings.worker.adminPort > 0 {
            let health = HealthService(
                probe: PostgresUnitOfWork(client: client, logger: logger, leaseTimeout: settings.databaseLeaseTimeout))
            services.append(
                .init(
                    service: AdminServer.make(
                        host: settings.worker.adminHost, port: settings.worker.adminPort, health: health,
                        logger: logger)))
        }
        // Ready once both jobs hear their channel: a worker that would miss new payouts is not ready either.
        let listening = Listening(purchases: ReadinessLatch(), payouts: ReadinessLatch())
        let systemd = SystemdLifecycleService(notifier: SystemdNotifier(), logger: logger) { listening.areOpen }
        return ProcessServiceGroup.make(
            services: services
                + jobs(
                    settings: settings, client: client, bank: bank, rail: rail, listening: listening, logger: logger)
                + [.init(service: systemd)],
            graceful: settings.worker.gracePeriod + .seconds(5), logger: logger)
    }

    static func jobs(
        settings: Settings, client: PostgresClient, bank: any PurchaseVerifier, rail: any PaymentRail,
        listening: Listening, logger: Logger
    ) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        let database = PostgresUnitOfWork(client: client, logger: logger, leaseTimeout: settings.databaseLeaseTimeout)
        let worker = settings.worker
        let verification = settings.verification
        let confirmation = PurchaseConfirmationJob(
            unitOfWork: database, settlement: PurchaseSettlement(unitOfWork: database, clock: SystemClock()),
            verifier: bank,
            owner: worker.workerID, leaseDuration: worker.leaseDuration, maxAttempts: verification.maxAttempts,
            logger: logger)
        let payouts = PayoutSettlementJob(
            unitOfWork: database,
            payouts: PayoutService(
                unitOfWork: database, clock: SystemClock(), minimumAmount: settings.money.payoutMinimum),
            rail: rail, owner: worker.workerID,
            leaseDuration: worker.leaseDuration, maxAttempts: worker.payoutMaxAttempts)
        let retry = RetryPolicy(
            business: Backoff(base: verification.interval, cap: worker.backoffCap),
            infrastructure: Backoff(base: worker.infraBackoffBase, cap: worker.infraBackoffCap),
            horizon: worker.infraRetryHorizon, maxInterruptions: worker.maxInterruptions)
        let wiring = RuntimeWiring(
            settings: settings, queue: DatabaseJobQueue(unitOfWork: database), retry: retry, client: client,
            logger: logger)
        let daemon = WorkerDaemon(
            jobs: [
                wiring.runtime(
                    confirmation, downstream: .bank, callsPerSecond: worker.bankRateLimit,
                    maxInFlight: worker.maxInFlight, channel: "purchase_ingested", latch: listening.purchases),
                wiring.runtime(
                    payouts, downstream: .rail, callsPerSecond: worker.railRateLimit,
                    maxInFlight: min(worker.maxInFlight, 20), channel: "payout_processing", latch: listening.payouts),
            ],
            gracePeriod: worker.gracePeriod, logger: logger)
        return [.init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup)]
    }
}

/// What every job's runtime shares in the worker: the settings, the queue adapter and the retry policy.
struct RuntimeWiring {
    let settings: Settings
    let queue: DatabaseJobQueue
    let retry: RetryPolicy
    let client: PostgresClient
    let logger: Logger

    /// `job`'s runtime: the breaker and shared rate limit of its downstream, woken by `channel`, whose LISTEN opens
    /// `latch`.
    func runtime<J: Job>(
        _ job: J, downstream: Downstream, callsPerSecond: Int, maxInFlight: Int, channel: String,
        latch: ReadinessLatch
    ) -> JobRuntime<J> {
        let worker = settings.worker
        return JobRuntime(
            job: job, queue: queue,
            breaker: CircuitBreaker(
                downstream: downstream, threshold: worker.breakerFailureThreshold, cooldown: worker.breakerCooldown,
                probeTimeout: worker.leaseDuration, logger: logger),
            rateLimit: SharedRateLimit(
                downstream: downstream, callsPerSecond: callsPerSecond, maxWait: worker.rateLimitMaxWait),
            configuration: JobRuntime<J>.Configuration(
                workerID: worker.workerID, maxInFlight: maxInFlight, sweepInterval: settings.verification.interval,
                leaseDuration: worker.leaseDuration, retry: retry, gracePeriod: worker.gracePeriod,
                journalRetention: worker.journalRetention, queueMetricsInterval: worker.queueMetricsInterval),
            notifications: LatchingNotificationSource(
                source: PostgresNotificationListener(client: client, channel: channel, logger: logger), latch: latch),
            logger: logger)
    }
}

/// The LISTEN of each job: the worker is ready only when every job will hear about new work.
struct Listening {
    let purchases: ReadinessLatch
    let payouts: ReadinessLatch

    var areOpen: Bool { purchases.isOpen && payouts.isOpen }
}
