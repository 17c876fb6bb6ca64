import Foundation
public import PostgresNIO

/// Turns `DATABASE_URL` (`postgresql://user:password@host:port/database?sslmode=…`) into a pool configuration.
public enum DatabaseURL {
    /// Why a `DATABASE_URL` was refused; the password never appears in the message.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let reason: String
        public var description: String { "DATABASE_URL \(reason)" }
    }

    /// Parses the URL; `sslmode=require` (or `verify-full`) turns TLS on, anything else leaves it off.
    /// `statementTimeout` (sent as the `statement_timeout` startup parameter) bounds every statement and lock
    /// wait of the pool's sessions; `nil` leaves the server's default (one-shot commands such as migrate).
    /// `holding` says whether the pool keeps its connections open (the API) or opens them on demand.
    public static func configuration(
        _ url: String, poolSize: Int, statementTimeout: Duration? = nil, holding: PoolHolding = .onDemand
    ) throws(Invalid) -> PostgresClient.Configuration {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme,
            ["postgres", "postgresql"].contains(scheme)
        else { throw Invalid(reason: "must look like postgresql://user:password@host:port/database") }
        guard let host = parts.host, !host.isEmpty else { throw Invalid(reason: "has no host") }
        guard let user = parts.user, !user.isEmpty else { throw Invalid(reason: "has no user name") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw Invalid(reason: "has no database name") }
        let sslMode = parts.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable", "allow", "prefer": tls = .disable
        case "require", "verify-ca", "verify-full": tls = .require(.clientDefault)
        default: throw Invalid(reason: "has an unknown sslmode '\(sslMode)'")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: parts.port ?? 5432, username: user.removingPercentEncoding ?? user,
            password: parts.password.map { $0.removingPercentEncoding ?? $0 }, database: database, tls: tls)
        configuration.options.maximumConnections = poolSize
        switch holding {
        case .allOpen:
            configuration.options.minimumConnections = poolSize
            configuration.options.keepAliveBehavior = nil
        case .onDemand:
            configuration.options.minimumConnections = 0
            configuration.options.connectionIdleTimeout = .seconds(60)
        }
        if let statementTimeout {
            configuration.options.additionalStartupParameters = [
                ("statement_timeout", "\(statementTimeout.wholeMilliseconds)")
            ]
        }
        return configuration
    }
}

/// How a pool holds its connections.
public enum PoolHolding: Sendable {
    /// Every connection opened at start and kept, with no keep-alive: the API, whose hot path it is. Each time a
    /// connection went back to a pool that may close it or ping it, PostgresNIO started a timer task group per
    /// timer, about a quarter of the API's CPU per ingest (ADR 032). A connection the server closes is noticed by
    /// its socket and replaced; one that dies silently fails its next statement.
    case allOpen
    /// Opened when needed and closed after 60 s idle: the worker, one-shot commands and the tests' many small pools.
    case onDemand
}
