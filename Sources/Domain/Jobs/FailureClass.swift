/// Why an attempt did not finish its item. The class decides what the failure may cost: only a `business`
/// answer counts toward the attempt limit and may end in a rejection; the infrastructure classes never
/// decide anything (ADR 020).
public enum FailureClass: String, CaseIterable, Sendable, Codable {
    /// The downstream answered: nothing matched yet, try again later.
    case business
    /// The call did not end before its deadline.
    case timeout
    /// The connection was refused, reset or could not be made.
    case connection
    /// The downstream answered 5xx.
    case http5xx = "http_5xx"
    /// The downstream asked us to slow down (429).
    case http429 = "http_429"
    /// The downstream refused our request itself (another 4xx): our credential or request is wrong.
    case http4xx = "http_4xx"
    /// The answer could not be read.
    case malformed
    /// The circuit breaker is open: no call was made.
    case breakerOpen = "breaker_open"
    /// Our own database refused or lost the outcome.
    case interrupted
    /// The worker holding the item died or lost its lease mid-attempt (found by the next claim).
    case crashed

    /// Failures of a dependency rather than answers about the item.
    public var isInfrastructure: Bool {
        switch self {
        case .timeout, .connection, .http5xx, .http429, .http4xx, .malformed, .breakerOpen: true
        case .business, .interrupted, .crashed: false
        }
    }
}

/// A downstream call that produced no business answer: its class and what happened, for logs and the journal.
public struct DownstreamFailure: Error, Equatable, Sendable {
    public let failureClass: FailureClass
    public let message: String

    public init(_ failureClass: FailureClass, _ message: String) {
        (self.failureClass, self.message) = (failureClass, message)
    }
}
