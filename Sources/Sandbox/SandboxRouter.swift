public import Foundation
import HTTPTypes
public import Hummingbird

/// The routes of `clicknback sandbox`: the bank under `/bank`, the rail under `/rail`, each with its
/// `/sandbox/control` and `/sandbox/stats`, and the rail's `/sandbox/payments` (docs/downstreams.md).
public enum SandboxRouter {
    public static func build(bank: SandboxService, rail: SandboxService, rejectionMerchantID: UUID?)
        -> Router<BasicRequestContext>
    {
        let router = Router()
        let ledger = SandboxLedger()
        router.get("/health") { _, _ in json(["status": "ok"]) }
        let bankRoutes = router.group("bank")
        controls(bankRoutes, bank)
        bankRoutes.post("v1/verifications") { request, context in
            guard bank.admits(request.headers[.authorization]) else { return refusal(.unauthorized, "unauthorized") }
            let body: VerificationCall
            do { body = try await request.decode(as: VerificationCall.self, context: context) } catch {
                return refusal(.badRequest, "malformed verification request")
            }
            guard await bank.faultsPass() else { return refusal(.serviceUnavailable, "bank unavailable (sandbox)") }
            if body.merchantID == rejectionMerchantID {
                return json(["result": "not_found", "reason": "no matching bank movement yet"])
            }
            return json(["result": "matched"])
        }
        let railRoutes = router.group("rail")
        controls(railRoutes, rail)
        railRoutes.get("sandbox/payments") { _, _ in json(ledger.payments) }
        railRoutes.post("v1/payouts") { request, context in
            guard rail.admits(request.headers[.authorization]) else { return refusal(.unauthorized, "unauthorized") }
            guard let key = request.headers.first(where: { $0.name.canonicalName == "idempotency-key" })?.value,
                !key.isEmpty
            else {
                return refusal(.badRequest, "an Idempotency-Key header is required")
            }
            let body: PayoutCall
            do { body = try await request.decode(as: PayoutCall.self, context: context) } catch {
                return refusal(.badRequest, "malformed payout request")
            }
            guard await rail.faultsPass() else { return refusal(.serviceUnavailable, "rail unavailable (sandbox)") }
            let refusalRate = rail.control.refusalRate
            let receipt = ledger.receive(
                key: key.lowercased(), payoutID: body.payoutID.uuidString.lowercased(), amount: body.amount
            ) {
                refusalRate > 0 && Double.random(in: 0..<1) < refusalRate ? "refused" : "paid"
            }
            switch receipt {
            case .conflict: return refusal(.unprocessableContent, "this Idempotency-Key was used for another payout")
            case .new(let status): return json(payoutAnswer(status, key))
            case .replay(let status):
                var response = json(payoutAnswer(status, key))
                if let replayed = HTTPField.Name("Idempotent-Replayed") { response.headers[replayed] = "true" }
                return response
            }
        }
        return router
    }

    private static func controls(_ routes: RouterGroup<BasicRequestContext>, _ service: SandboxService) {
        routes.get("sandbox/control") { _, _ in json(service.control) }
        routes.put("sandbox/control") { request, context in
            let change: SandboxControlChange
            do { change = try await request.decode(as: SandboxControlChange.self, context: context) } catch {
                return refusal(.badRequest, "malformed control")
            }
            switch service.change(change) {
            case .success(let control): return json(control)
            case .failure(let refused): return refusal(.badRequest, refused.message)
            }
        }
        routes.get("sandbox/stats") { _, _ in json(service.traffic.stats) }
    }

    private static func payoutAnswer(_ status: String, _ key: String) -> [String: String] {
        status == "paid"
            ? ["status": "paid", "reference": "sbx-\(key.prefix(8))"]
            : ["status": "refused", "reason": "account closed (sandbox)"]
    }

    private static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func refusal(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(["error": "\(status.code)", "message": message], status: status)
    }
}

/// The parts of a verification request the sandbox bank reads.
struct VerificationCall: Decodable, Sendable {
    let merchantID: UUID
    enum CodingKeys: String, CodingKey { case merchantID = "merchant_id" }
}

/// The parts of a payout request the sandbox rail records.
struct PayoutCall: Decodable, Sendable {
    let payoutID: UUID
    let amount: String
    enum CodingKeys: String, CodingKey {
        case payoutID = "payout_id"
        case amount
    }
}
