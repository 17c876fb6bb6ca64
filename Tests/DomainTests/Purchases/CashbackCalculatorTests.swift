import Domain
import Foundation
import Testing

@Suite struct CashbackCalculatorTests {
    func quote(_ rule: CashbackRule, _ amount: String, cap: Decimal = 1000, earned: String = "0")
        -> CashbackCalculator.Quote
    {
        CashbackCalculator.quote(
            rule: rule, amount: Money(exactly: amount)!, monthlyCap: cap, alreadyEarned: Money(exactly: earned)!)
    }

    @Test(arguments: [
        ("5.0", "100.00", "5.00"), ("6.0", "60.00", "3.60"), ("5.0", "49.50", "2.48"), ("5.0", "0.10", "0.00"),
        ("5.0", "0.30", "0.02"), ("7.5", "33.33", "2.50"),
    ])
    func percentOffersFollowTheSpecTable(percentage: String, amount: String, expected: String) {
        #expect(quote(.percent(Decimal(string: percentage)!), amount).amount.description == expected)
    }

    @Test func fixedOffersRoundHalfEvenAndNeverPayMoreThanThePurchase() {
        #expect(quote(.fixed(3), "10.00").amount.description == "3.00")
        #expect(quote(.fixed(Decimal(string: "2.005")!), "75.00").amount.description == "2.00")
        #expect(quote(.fixed(3), "1.00").amount.description == "1.00")
        let tiny = quote(.fixed(500), "0.01", cap: 1000)
        #expect(tiny == CashbackCalculator.Quote(amount: Money(minorUnits: 1), capApplied: false))
    }

    @Test func offersStoredWithAbsurdValuesStillYieldACashbackThePurchaseCanHold() {
        let huge = Decimal(sign: .plus, exponent: 15, significand: 1)
        #expect(quote(.fixed(huge), "9999999999.99", cap: huge).amount == Money.maximum)
        #expect(quote(.percent(100), "12.34", cap: huge).amount.description == "12.34")
    }

    @Test func theCapCreditsOnlyWhatRemains() {
        let partial = quote(.percent(5), "100.00", cap: 6, earned: "3.00")
        #expect(partial == CashbackCalculator.Quote(amount: Money(minorUnits: 300), capApplied: true))
        let exhausted = quote(.percent(5), "100.00", cap: 6, earned: "6.00")
        #expect(exhausted == CashbackCalculator.Quote(amount: .zero, capApplied: true))
        let beyond = quote(.fixed(3), "10.00", cap: 6, earned: "7.00")
        #expect(beyond.amount == .zero)
        let below = quote(.percent(5), "100.00", cap: 50, earned: "3.00")
        #expect(below == CashbackCalculator.Quote(amount: Money(minorUnits: 500), capApplied: false))
    }

    @Test func exactlyReachingTheCapIsNotAReduction() {
        #expect(quote(.percent(5), "100.00", cap: 8, earned: "3.00").capApplied == false)
    }

    @Test func monthWindowsAreUTCCalendarMonths() {
        let newYearsEve = Date(timeIntervalSince1970: 1_767_225_599)  // 2025-12-31T23:59:59Z
        let december = MonthWindow(containing: newYearsEve)
        #expect(december.start == CalendarDate(iso: "2025-12-01")!.startOfDayUTC)
        #expect(december.end == CalendarDate(iso: "2026-01-01")!.startOfDayUTC)
        let january = MonthWindow(containing: newYearsEve.addingTimeInterval(1))
        #expect(january.start == december.end)
        #expect(
            MonthWindow(containing: CalendarDate(iso: "2028-02-29")!.startOfDayUTC).end
                == CalendarDate(iso: "2028-03-01")!.startOfDayUTC)
    }
}

@Suite struct OfferSelectionTests {
    let merchant = MerchantID.random()
    let today = CalendarDate(iso: "2026-06-15")!

    func offer(_ id: String, start: String, active: Bool = true, end: String = "2026-12-31") -> Offer {
        Offer(
            id: OfferID(parsing: id)!, merchantID: merchant, cashback: .percent(5),
            startDate: CalendarDate(iso: start)!,
            endDate: CalendarDate(iso: end)!, monthlyCapPerUser: 10, active: active)
    }

    @Test func prefersTheLatestStartThenTheSmallestID() {
        let older = offer("00000000-0000-4000-8000-000000000001", start: "2026-01-01")
        let newerB = offer("00000000-0000-4000-8000-00000000000b", start: "2026-06-01")
        let newerA = offer("00000000-0000-4000-8000-00000000000a", start: "2026-06-01")
        #expect(OfferSelection.choose(among: [older, newerB, newerA], on: today) == newerA)
    }

    @Test func ignoresInactiveExpiredAndFutureOffers() {
        let candidates = [
            offer("00000000-0000-4000-8000-000000000001", start: "2026-01-01", active: false),
            offer("00000000-0000-4000-8000-000000000002", start: "2026-01-01", end: "2026-06-14"),
            offer("00000000-0000-4000-8000-000000000003", start: "2026-06-16"),
        ]
        #expect(OfferSelection.choose(among: candidates, on: today) == nil)
    }
}
