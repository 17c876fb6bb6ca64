import Foundation
public import Hummingbird

/// An error answered with the spec's JSON envelope `{"error": {"code", "message", "details"}}`.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public let details: [String: JSONValue]
    /// Extra headers, such as `WWW-Authenticate` on authentication failures.
    public let headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, code: String, message: String, details: [String: JSONValue] = [:],
        headers: HTTPFields = [:]
    ) {
        (self.status, self.code, self.message, self.details, self.headers) = (status, code, message, details, headers)
    }

    /// `VALIDATION_ERROR` listing every schema-level problem (422 unless the endpoint's contract says 400).
    public static func validation(
        _ violations: [(field: String, reason: String)], status: HTTPResponse.Status = .unprocessableContent
    ) -> APIError {
        APIError(
            status, code: "VALIDATION_ERROR", message: "Request validation failed.",
            details: [
                "violations": .array(violations.map { ["field": .string($0.field), "reason": .string($0.reason)] })
            ]
        )
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json"
        let envelope: JSONValue = [
            "error": ["code": .string(code), "message": .string(message), "details": .object(details)]
        ]
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONWire.encode(envelope))))
    }
}

/// The one JSON encoder configuration of the API (stable key order, no escaped slashes).
enum JSONWire {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
