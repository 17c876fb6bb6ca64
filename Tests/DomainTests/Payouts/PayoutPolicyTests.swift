import Domain
import Foundation
import Testing

@Suite struct PayoutPolicyTests {
    func payout(_ status: PayoutStatus) -> Payout {
        Payout(
            id: .random(), userID: .random(), amount: Money(minorUnits: 2000), method: .bankTransfer, details: [:],
            status: status, idempotencyKey: nil, requestedAt: Date(), processedAt: nil, externalReference: nil)
    }

    @Test func enforcesTheMinimum() {
        let small = PayoutRequest(amount: Money(minorUnits: 999), method: .card, details: [:], idempotencyKey: nil)
        #expect(
            PayoutPolicy.violations(of: small, minimum: Money(minorUnits: 1000)) == [
                "Minimum payout amount is 10.00; requested 9.99."
            ])
        let enough = PayoutRequest(amount: Money(minorUnits: 1000), method: .card, details: [:], idempotencyKey: nil)
        #expect(PayoutPolicy.violations(of: enough, minimum: Money(minorUnits: 1000)).isEmpty)
    }

    @Test func requestingTakesFromAvailable() {
        let movement = PayoutPolicy.requestMovement(payout(.requested))
        #expect(movement.bucket == .available && movement.delta == Money(minorUnits: -2000))
    }

    @Test func completionPaysFailureRefundsProcessingMovesNothing() throws {
        #expect(try PayoutPolicy.process(payout(.requested), to: .completed).map(\.bucket) == [.paid])
        #expect(try PayoutPolicy.process(payout(.processing), to: .failed).map(\.bucket) == [.available])
        #expect(try PayoutPolicy.process(payout(.requested), to: .processing).isEmpty)
    }

    @Test func eachTransitionHappensOnce() {
        for status in [PayoutStatus.completed, .failed] {
            let done = payout(status)
            #expect(throws: PayoutError.invalidTransition(done.id, current: status)) {
                try PayoutPolicy.process(done, to: .completed)
            }
        }
        let processing = payout(.processing)
        #expect(throws: PayoutError.self) { try PayoutPolicy.process(processing, to: .processing) }
    }

    @Test(arguments: ["ES9121000418450200051332", "GB82 WEST 1234 5698 7654 32", "de89370400440532013000"])
    func acceptsValidIBANs(iban: String) {
        #expect(IBAN.normalised(iban) != nil)
    }

    @Test(arguments: ["ES9121000418450200051333", "XX00", "1234567890123456", "GB82-WEST-1234"])
    func refusesInvalidIBANs(iban: String) {
        #expect(IBAN.normalised(iban) == nil)
    }
}
