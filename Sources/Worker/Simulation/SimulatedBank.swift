public import Application
public import Domain

/// The default verifier (domain spec §12.4): confirms every purchase except those of the rejection merchant,
/// which soft-fail on every attempt (a bank that never reconciles). Latency and a random soft-failure rate
/// make load and retry behaviour observable.
public struct SimulatedBank: PurchaseVerifier {
    let latency: Duration
    let softFailureRate: Double
    let rejectionMerchantID: MerchantID?
    let random: any RandomSource

    public init(latency: Duration, softFailureRate: Double, rejectionMerchantID: MerchantID?, random: any RandomSource)
    {
        self.latency = latency
        self.softFailureRate = softFailureRate
        self.rejectionMerchantID = rejectionMerchantID
        self.random = random
    }

    public func verify(purchaseID: PurchaseID, merchantID: MerchantID, attempt: Int) async -> VerificationDisposition {
        if latency > .zero { try? await Task.sleep(for: latency) }
        if merchantID == rejectionMerchantID { return .pending(reason: "no matching bank movement yet") }
        if softFailureRate > 0 && random.nextUnit() < softFailureRate {
            return .pending(reason: "bank did not answer (simulated)")
        }
        return .confirmed
    }
}

/// The default payment rail: answers after `latency`, failing a `failureRate` share of payouts for good.
public struct SimulatedPaymentRail: PaymentRail {
    let latency: Duration
    let failureRate: Double
    let random: any RandomSource

    public init(latency: Duration, failureRate: Double, random: any RandomSource) {
        self.latency = latency
        self.failureRate = failureRate
        self.random = random
    }

    public func send(payoutID: PayoutID, attempt: Int) async -> RailOutcome {
        if latency > .zero { try? await Task.sleep(for: latency) }
        if failureRate > 0 && random.nextUnit() < failureRate {
            return .failed(reason: "account closed (simulated)")
        }
        return .completed
    }
}
