import Application
import AsyncHTTPClient
import Domain
import Downstreams
import Foundation
import Hummingbird
import HummingbirdTesting
import Sandbox
import Testing

/// The HTTP adapters against the sandbox on a real socket: every answer of the contract, and every way of not
/// answering, lands in the right outcome class.
@Suite struct DownstreamContractTests {
    static let rejection = UUID()

    /// Runs `body` with a live sandbox and adapters pointed at it (credentials `b` and `r`).
    func withSandbox(
        bankTimeout: Duration = .seconds(30), token: String = "b",
        _ body: @Sendable (HTTPBank, HTTPPaymentRail, SandboxService, SandboxService, String) async throws -> Void
    ) async throws {
        let bank = SandboxService(token: "b", control: SandboxControl())
        let rail = SandboxService(token: "r", control: SandboxControl())
        let app = Application(
            router: SandboxRouter.build(bank: bank, rail: rail, rejectionMerchantID: Self.rejection),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            let adapters = (
                HTTPBank(
                    client: http,
                    endpoint: DownstreamEndpoint(
                        downstream: .bank, baseURL: base + "/bank/", token: token, timeout: bankTimeout)),
                HTTPPaymentRail(
                    client: http,
                    endpoint: DownstreamEndpoint(
                        downstream: .rail, baseURL: base + "/rail", token: "r", timeout: .seconds(30)))
            )
            do {
                try await body(adapters.0, adapters.1, bank, rail, base)
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    /// `PUT <base>/<service>/sandbox/control`; returns the status.
    @discardableResult
    func control(_ base: String, _ service: String, _ json: String) async throws -> UInt {
        var request = HTTPClientRequest(url: "\(base)/\(service)/sandbox/control")
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 1 << 16)
        return response.status.code
    }

    /// `GET <base>/<path>` as JSON.
    func get(_ base: String, _ path: String) async throws -> Any {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + path), timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        return try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
    }

    func purchase(merchant: UUID = UUID()) -> ClaimedVerification {
        ClaimedVerification(
            purchaseID: PurchaseID(UUID()), merchantID: MerchantID(merchant), userID: UserID(UUID()),
            amount: Money(minorUnits: 10_000), currency: "EUR",
            lease: QueueLease(itemID: UUID(), token: UUID(), attempts: 0, claims: 1, interruptions: 0),
            enqueuedAt: Date())
    }

    func payout(key: UUID = UUID(), cents: Int64 = 2500) -> ClaimedPayout {
        ClaimedPayout(
            payoutID: PayoutID(UUID()), userID: UserID(UUID()), amount: Money(minorUnits: cents), idempotencyKey: key,
            lease: QueueLease(itemID: UUID(), token: UUID(), attempts: 0, claims: 1, interruptions: 0))
    }

    @Test func theBankMatchesAndNeverFindsTheRejectionMerchant() async throws {
        try await withSandbox { bank, _, _, _, _ in
            #expect(await bank.verify(purchase()) == .confirmed)
            #expect(
                await bank.verify(purchase(merchant: Self.rejection))
                    == .pending(reason: "no matching bank movement yet"))
        }
    }

    @Test func outagesAndRefusedRequestsAreInfrastructureNeverDecisions() async throws {
        try await withSandbox { bank, _, _, _, base in
            try await control(base, "bank", #"{"outage": "down"}"#)
            guard case .unavailable(let down) = await bank.verify(purchase()) else {
                Issue.record("a 503 is not an answer")
                return
            }
            #expect(down.failureClass == .http5xx)
            try await control(base, "bank", #"{"outage": "none", "error_rate": 1}"#)
            guard case .unavailable(let flaky) = await bank.verify(purchase()) else { return }
            #expect(flaky.failureClass == .http5xx)
        }
        try await withSandbox(token: "wrong") { bank, _, _, _, _ in
            guard case .unavailable(let refused) = await bank.verify(purchase()) else {
                Issue.record("a refused credential must not reject a purchase")
                return
            }
            #expect(refused.failureClass == .http4xx)
        }
    }

    @Test func aHangingBankEndsAtTheDeadline() async throws {
        try await withSandbox(bankTimeout: .milliseconds(300)) { bank, _, _, _, base in
            try await control(base, "bank", #"{"outage": "hang"}"#)
            let started = ContinuousClock.now
            let answer = await bank.verify(purchase())
            try await control(base, "bank", #"{"outage": "none"}"#)
            #expect(ContinuousClock.now - started < .seconds(20))
            guard case .unavailable(let failure) = answer else {
                Issue.record("\(answer)")
                return
            }
            #expect(failure.failureClass == .timeout)
        }
    }

    @Test func aServiceThatIsNotThereIsAConnectionFailure() async throws {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let port = try #require(UInt16(exactly: 9))
        let bank = HTTPBank(
            client: http,
            endpoint: DownstreamEndpoint(
                downstream: .bank, baseURL: "http://127.0.0.1:\(port)", token: nil, timeout: .seconds(5)))
        let answer = await bank.verify(purchase())
        try await http.shutdown()
        guard case .unavailable(let failure) = answer else {
            Issue.record("\(answer)")
            return
        }
        #expect(failure.failureClass == .connection || failure.failureClass == .timeout)
    }

    @Test func theRailPaysOncePerKeyAndRefusesAReusedKey() async throws {
        try await withSandbox { _, rail, _, _, base in
            let key = UUID()
            let first = payout(key: key)
            #expect(await rail.send(first) == .completed)
            #expect(await rail.send(first) == .completed, "a repeated key gets the first answer")
            let other = payout(key: key, cents: 9900)
            guard case .unavailable(let reused) = await rail.send(other) else {
                Issue.record("a reused key is refused")
                return
            }
            #expect(reused.failureClass == .http4xx)
            try await control(base, "rail", #"{"refusal_rate": 1}"#)
            #expect(await rail.send(payout()) == .failed(reason: "account closed (sandbox)"))
            let payments = try #require(try await get(base, "/rail/sandbox/payments") as? [[String: Any]])
            #expect(payments.count == 2)
            #expect(payments.first?["times_received"] as? Int == 2)
            #expect(payments.first?["idempotency_key"] as? String == key.uuidString.lowercased())
            #expect(payments.first?["amount"] as? String == "25.00")
        }
    }

    @Test func theSandboxCountsItsBusiestSecondAndRefusesABadControl() async throws {
        try await withSandbox { bank, _, _, _, base in
            for _ in 0..<5 { _ = await bank.verify(purchase()) }
            let stats = try #require(try await get(base, "/bank/sandbox/stats") as? [String: Int])
            #expect(stats["calls"] == 5)
            #expect((1...5).contains(stats["peak_calls_per_second"] ?? 0))
            #expect(try await control(base, "bank", #"{"error_rate": 2}"#) == 400)
            #expect(try await control(base, "bank", #"{"latency_ms": -1}"#) == 400)
            #expect(try await control(base, "bank", #"{"outage": "sideways"}"#) == 400)
            let control = try #require(try await get(base, "/bank/sandbox/control") as? [String: Any])
            #expect(control["outage"] as? String == "none" && control["error_rate"] as? Double == 0)
        }
    }
}
