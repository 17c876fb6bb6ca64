import Foundation
import Synchronization

/// What the sandbox rail received, one entry per idempotency key: a repeated key gets the first answer back
/// and pays nothing; the same key with another body is refused.
final class SandboxLedger: Sendable {
    /// `GET <RAIL_URL>/sandbox/payments`, one per key, oldest first.
    struct Payment: Codable, Sendable {
        let idempotencyKey: String
        let payoutID: String
        let amount: String
        let status: String
        var timesReceived: Int

        enum CodingKeys: String, CodingKey {
            case idempotencyKey = "idempotency_key"
            case payoutID = "payout_id"
            case amount, status
            case timesReceived = "times_received"
        }
    }

    enum Receipt: Sendable {
        /// A new key: `status` was decided now.
        case new(status: String)
        /// A key seen before with the same payout: its first status.
        case replay(status: String)
        /// A key seen before with a different payout or amount.
        case conflict
    }

    private struct State {
        var order: [String] = []
        var payments: [String: Payment] = [:]
    }
    private let state = Mutex(State())

    /// Records one received payout; `decide` is asked only for a new key.
    func receive(key: String, payoutID: String, amount: String, decide: () -> String) -> Receipt {
        state.withLock { state in
            if var payment = state.payments[key] {
                guard payment.payoutID == payoutID, payment.amount == amount else { return .conflict }
                payment.timesReceived += 1
                state.payments[key] = payment
                return .replay(status: payment.status)
            }
            let status = decide()
            state.order.append(key)
            state.payments[key] = Payment(
                idempotencyKey: key, payoutID: payoutID, amount: amount, status: status, timesReceived: 1)
            return .new(status: status)
        }
    }

    var payments: [Payment] { state.withLock { state in state.order.compactMap { state.payments[$0] } } }
}
