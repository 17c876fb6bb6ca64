public import Application
public import AsyncHTTPClient
import Domain

/// The payment rail over HTTP (`POST <RAIL_URL>/v1/payouts`): the worker's `PaymentRail`. Every call carries
/// the payout's stored `Idempotency-Key`, so however often it is repeated the rail pays once.
public struct HTTPPaymentRail: PaymentRail {
    let call: DownstreamCall

    public init(client: HTTPClient, endpoint: DownstreamEndpoint) {
        self.call = DownstreamCall(client: client, endpoint: endpoint)
    }

    public func send(_ payout: ClaimedPayout) async -> RailOutcome {
        let body = PayoutRequestBody(
            payoutID: payout.payoutID.uuid, userID: payout.userID.uuid, amount: payout.amount.description)
        let key = payout.idempotencyKey.uuidString.lowercased()
        switch await call.post("/v1/payouts", body, headers: [("Idempotency-Key", key)], answer: PayoutAnswerBody.self)
        {
        case .failure(let failure): return .unavailable(failure)
        case .success(let answer):
            return switch answer.status {
            case .paid: .completed
            case .refused: .failed(reason: answer.reason ?? "refused by the rail")
            case .pending: .retry(reason: answer.reason ?? "accepted, not final yet")
            }
        }
    }
}
