import Domain
import Foundation
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [("100.50", 10050), ("0", 0), ("12.3", 1230), ("-0.25", -25), ("9999999999.99", 999_999_999_999)])
    func parsesExactText(text: String, cents: Int64) throws {
        let money = try #require(Money(exactly: text))
        #expect(money.minorUnits == cents)
    }

    @Test(arguments: ["100.001", "1e2", "", ".5", "5.", "abc", "1,00", "١٢"])
    func refusesTextThatIsNotAPlainTwoDecimalAmount(text: String) {
        #expect(Money(exactly: text) == nil)
    }

    @Test func printsTwoFractionalDigits() {
        #expect(Money(minorUnits: 0).description == "0.00")
        #expect(Money(minorUnits: 1230).description == "12.30")
        #expect(Money(minorUnits: -500).description == "-5.00")
        #expect(Money(minorUnits: 7).description == "0.07")
    }

    @Test(arguments: [("2.475", "2.48"), ("0.005", "0.00"), ("0.015", "0.02"), ("2.49975", "2.50"), ("2.005", "2.00")])
    func roundsHalfEven(raw: String, expected: String) throws {
        let decimal = try #require(Decimal(string: raw))
        #expect(Money(roundingHalfEven: decimal).description == expected)
    }

    @Test func convertsDecimalsExactlyOrNotAtAll() throws {
        #expect(Money(exactly: try #require(Decimal(string: "19.05")))?.minorUnits == 1905)
        #expect(Money(exactly: try #require(Decimal(string: "19.055"))) == nil)
        #expect(Money(minorUnits: 1905).decimal == Decimal(string: "19.05"))
    }

    @Test func addsAndSubtractsWithoutRounding() {
        let sum = Money(minorUnits: 10) + Money(minorUnits: 20)
        #expect(sum == Money(minorUnits: 30))
        #expect(sum - Money(minorUnits: 31) < .zero)
    }
}
