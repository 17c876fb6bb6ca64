public import Application
public import AsyncHTTPClient
import Domain

/// The bank over HTTP (`POST <BANK_URL>/v1/verifications`): the worker's `PurchaseVerifier`.
public struct HTTPBank: PurchaseVerifier {
    let call: DownstreamCall

    public init(client: HTTPClient, endpoint: DownstreamEndpoint) {
        self.call = DownstreamCall(client: client, endpoint: endpoint)
    }

    public func verify(_ purchase: ClaimedVerification) async -> VerificationDisposition {
        let body = VerificationRequestBody(
            purchaseID: purchase.purchaseID.uuid, userID: purchase.userID.uuid, merchantID: purchase.merchantID.uuid,
            amount: purchase.amount.description, currency: purchase.currency, attempt: purchase.lease.claims)
        switch await call.post("/v1/verifications", body, answer: VerificationAnswerBody.self) {
        case .failure(let failure): return .unavailable(failure)
        case .success(let answer):
            return switch answer.result {
            case .matched: .confirmed
            case .notFound: .pending(reason: answer.reason ?? "no matching bank movement yet")
            case .refused: .rejected(reason: answer.reason ?? "refused by the bank")
            }
        }
    }
}
