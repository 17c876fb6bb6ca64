public import Application
import Crypto
import Domain
public import Foundation
import HTTPTypes
import Hummingbird

/// Recognises and checks partner credentials on a request (ADR 015): `Authorization: Bearer <key id>.<secret>`,
/// or `X-Partner-Key` + `X-Partner-Timestamp` + `X-Partner-Signature: sha256=<hex HMAC-SHA256 of
/// "timestamp.body">` within ±`window`, each signature accepted once by all API instances together (ADR 038).
public final class PartnerAuthenticator: Sendable {
    static let keyHeader = header("X-Partner-Key")
    static let timestampHeader = header("X-Partner-Timestamp")
    static let signatureHeader = header("X-Partner-Signature")

    private static func header(_ name: String) -> HTTPField.Name {
        // Literal, valid token names: this cannot fail at run time.
        guard let field = HTTPField.Name(name) else { preconditionFailure("invalid header name literal \(name)") }
        return field
    }

    let partners: PartnerService
    let window: TimeInterval
    let now: @Sendable () -> Date

    public init(partners: PartnerService, window: TimeInterval = 300, now: @escaping @Sendable () -> Date = Date.init) {
        (self.partners, self.window, self.now) = (partners, window, now)
    }

    /// Whether the request carries partner credentials at all (as opposed to a user's JWT).
    static func isPartnerRequest(_ request: Request) -> Bool {
        if request.headers[signatureHeader] != nil { return true }
        guard let token = AuthenticationMiddleware.bearerToken(request.headers[.authorization]) else { return false }
        return token.hasPrefix("pk_") && token.split(separator: ".").count == 2
    }

    static func refused(_ code: String, _ message: String) -> APIError {
        APIError(.unauthorized, code: code, message: message, headers: [.wwwAuthenticate: "Bearer"])
    }
    static let invalid = refused(
        "INVALID_PARTNER_CREDENTIALS", "Unknown, revoked or expired partner key, or a wrong secret or signature.")

    /// The partner behind the request; the body is collected (and kept readable) for signature checks.
    func authenticate(_ request: inout Request, context: APIRequestContext) async throws -> Partner {
        if request.headers[Self.signatureHeader] != nil {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            return try await verifySignature(request.headers, body: Array(body.readableBytesView))
        }
        guard let token = AuthenticationMiddleware.bearerToken(request.headers[.authorization]) else {
            throw Self.invalid
        }
        let parts = token.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let (partner, secret) = try await partners.authenticate(keyID: parts[0]),
            Self.constantTimeEqual(Array(parts[1].utf8), Array(secret.utf8))
        else { throw Self.invalid }
        return partner
    }

    private func verifySignature(_ headers: HTTPFields, body: [UInt8]) async throws -> Partner {
        guard let keyID = headers[Self.keyHeader], let timestamp = headers[Self.timestampHeader],
            let seconds = TimeInterval(timestamp), let signature = headers[Self.signatureHeader],
            signature.hasPrefix("sha256="), let mac = Self.bytes(hex: String(signature.dropFirst(7)))
        else {
            throw Self.refused(
                "INVALID_SIGNATURE_HEADERS",
                "Signed requests need X-Partner-Key, X-Partner-Timestamp (Unix seconds) and X-Partner-Signature: sha256=<64 hex digits>."
            )
        }
        let instant = now().timeIntervalSince1970
        guard abs(instant - seconds) <= window else {
            throw Self.refused(
                "SIGNATURE_EXPIRED", "X-Partner-Timestamp is more than \(Int(window)) s from the server's clock.")
        }
        guard let (partner, secret) = try await partners.authenticate(keyID: keyID) else { throw Self.invalid }
        let signed = Array(timestamp.utf8) + [UInt8(ascii: ".")] + body
        // The key is the secret exactly as the partner received it (its text), so `openssl dgst -hmac` works.
        let key = SymmetricKey(data: Array(secret.utf8))
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed, using: key)
        else { throw Self.invalid }
        // Keyed by the decoded bytes: the same signature in another letter case is the same signature.
        let used = keyID + ":" + mac.map { String(format: "%02x", $0) }.joined()
        guard try await partners.acceptSignature(used, window: .seconds(window)) else {
            throw Self.refused("SIGNATURE_REPLAYED", "This signature was already used; sign each request anew.")
        }
        return partner
    }

    /// Compares two byte strings in time independent of where they differ (through HMACs of both).
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        let key = SymmetricKey(size: .bits256)
        let mac = HMAC<SHA256>.authenticationCode(for: left, using: key)
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: right, using: key)
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(byte)
        }
        return bytes
    }
}
