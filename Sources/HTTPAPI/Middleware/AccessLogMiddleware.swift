import Domain
import Hummingbird
import Logging

/// One log line per request: method, matched route, status, duration and, once authenticated, the caller.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? request.uri.path),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(elapsed.millisecondsText),
        ]
        if let callerID = context.facts.callerID { metadata["user_id"] = .string(callerID) }
        if let partnerID = context.facts.partnerID { metadata["partner_id"] = .string(partnerID) }
        context.logger.info("request", metadata: metadata)
        return response
    }
}
