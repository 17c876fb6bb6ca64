public import Application
public import Domain

/// An in-process bank for unit tests and in-process benchmarks: confirms every purchase except those of the
/// rejection merchant, which never match. `clicknback sandbox` is the bank the worker really calls.
public struct SimulatedBank: PurchaseVerifier {
    let latency: Duration
    let rejectionMerchantID: MerchantID?

    public init(latency: Duration = .zero, rejectionMerchantID: MerchantID?) {
        self.latency = latency
        self.rejectionMerchantID = rejectionMerchantID
    }

    public func verify(_ purchase: ClaimedVerification) async -> VerificationDisposition {
        if latency > .zero { try? await Task.sleep(for: latency) }
        if purchase.merchantID == rejectionMerchantID { return .pending(reason: "no matching bank movement yet") }
        return .confirmed
    }
}

/// An in-process rail for unit tests and in-process benchmarks: pays every payout after `latency`.
public struct SimulatedPaymentRail: PaymentRail {
    let latency: Duration

    public init(latency: Duration = .zero) {
        self.latency = latency
    }

    public func send(_ payout: ClaimedPayout) async -> RailOutcome {
        if latency > .zero { try? await Task.sleep(for: latency) }
        return .completed
    }
}
