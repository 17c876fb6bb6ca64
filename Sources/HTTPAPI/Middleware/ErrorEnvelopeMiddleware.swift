import Foundation
import Hummingbird
import Logging

/// Turns every failure into the response the spec defines: domain errors into the envelope with their
/// status, unknown paths into `{"detail": "Not Found"}`, known paths with another method into 405 with
/// `Allow`, oversized bodies into 413, and anything unexpected into a logged 500 envelope.
struct ErrorEnvelopeMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let routes: RouteTable

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try response(for: error, request: request, context: context)
        }
    }

    private func response(for error: any Error, request: Request, context: Context) throws -> Response {
        if let apiError = DomainErrorMapping.apiError(for: error) {
            return try apiError.response(from: request, context: context)
        }
        if let httpError = error as? any HTTPResponseError {
            switch httpError.status {
            case .notFound: return try routeMiss(request)
            case .contentTooLarge:
                return try APIError(
                    .contentTooLarge, code: "PAYLOAD_TOO_LARGE",
                    message: "Request body is larger than \(context.maxUploadSize) bytes."
                ).response(from: request, context: context)
            default: break
            }
        }
        context.logger.error("unhandled error", metadata: ["error": .string(String(describing: error))])
        return try APIError(
            .internalServerError, code: "INTERNAL_SERVER_ERROR",
            message: "An unexpected error occurred. Our team has been notified. Please retry later.",
            details: [
                "request_id": .string(context.requestID),
                "timestamp": .string(WireFormat.naiveTimestamp(Date())),
            ]
        ).response(from: request, context: context)
    }

    private func routeMiss(_ request: Request) throws -> Response {
        let allowed = routes.methods(matching: request.uri.path)
        guard !allowed.isEmpty else { return try Self.detail("Not Found", status: .notFound) }
        var response = try Self.detail("Method Not Allowed", status: .methodNotAllowed)
        response.headers[.allow] = allowed.map(\.rawValue).sorted().joined(separator: ", ")
        return response
    }

    /// The framework-style body `{"detail": "..."}` the spec keeps for routing errors.
    private static func detail(_ text: String, status: HTTPResponse.Status) throws -> Response {
        let body = try JSONWire.encode(["detail": text])
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
