import Application
import Domain
import Hummingbird

/// The failed-login limits of every password check — the API's login and the console's sign-in (ADR 018):
/// per mailbox and per client address, every attempt takes a token first (so parallel guesses cannot all
/// pass); a success or a server-side failure gives it back. A refusal keeps it spent; once a bucket is empty,
/// every attempt answers 429 until it refills, even with the right password. An attempt shed for overload costs
/// the client, not the mailbox, whose owner is not to blame.
struct LoginThrottle: Sendable {
    /// Failed logins per mailbox.
    let failedLogins: RateLimiter
    /// The same per client address, and how the client address is found.
    let clients: ClientLimits

    /// Runs `check` under both limits; `isRefusal` tells which of its errors are refused credentials.
    func attempt<Result: Sendable>(
        email: EmailAddress, request: Request, context: APIRequestContext,
        isRefusal: (any Error) -> Bool = { $0 is AuthError }, _ check: () async throws -> Result
    ) async throws -> Result {
        let limits = [
            (clients.failedLogins, context.clientKey(clients.addresses, request: request)),
            (failedLogins, email.mailboxKey),
        ]
        for (index, (limiter, key)) in limits.enumerated() {
            guard let wait = limiter.retryAfter(for: key) else { continue }
            for (earlier, earlierKey) in limits.prefix(index) { earlier.refund(for: earlierKey) }
            throw APIError.rateLimited(wait)
        }
        let result: Result
        do {
            result = try await check()
        } catch let overloaded as BoundedWork.Overloaded {
            failedLogins.refund(for: email.mailboxKey)
            throw overloaded
        } catch {
            if !isRefusal(error) { for (limiter, key) in limits { limiter.refund(for: key) } }
            throw error
        }
        for (limiter, key) in limits { limiter.refund(for: key) }
        return result
    }
}
