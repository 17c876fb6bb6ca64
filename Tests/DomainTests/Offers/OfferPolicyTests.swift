import Domain
import Foundation
import Testing

@Suite struct OfferCreationPolicyTests {
    let today = CalendarDate(iso: "2026-06-15")!
    let merchant = MerchantID.random()

    func draft(
        type: CashbackType = .percent, value: Decimal = 5, start: String = "2026-06-15", end: String = "2026-07-15",
        cap: Decimal = 20
    ) -> OfferDraft {
        OfferDraft(
            merchantID: merchant, cashbackType: type, cashbackValue: value, startDate: CalendarDate(iso: start)!,
            endDate: CalendarDate(iso: end)!, monthlyCap: cap)
    }

    func violation(_ draft: OfferDraft) -> Violation? {
        do {
            try OfferCreationPolicy.validate(draft, today: today, maxPercentage: 20)
            return nil
        } catch {
            guard case .invalidDraft(let violation) = error else { return nil }
            return violation
        }
    }

    @Test func acceptsAValidPercentOfferStartingToday() {
        #expect(violation(draft()) == nil)
        #expect(violation(draft(end: "2026-06-15")) == nil)
    }

    @Test(arguments: [Decimal(0), Decimal(-1), Decimal(string: "20.01")!])
    func refusesPercentagesOutsideTheRange(value: Decimal) {
        #expect(
            violation(draft(value: value))
                == Violation(
                    field: "cashback_value", reason: "Percentage must be between 0 (exclusive) and 20.0 (inclusive)."))
    }

    @Test func fixedAmountsAreWholeCentsUpToTheLargestPurchase() {
        #expect(violation(draft(type: .fixed, value: 500)) == nil)
        #expect(violation(draft(type: .fixed, value: Decimal(string: "9999999999.99")!)) == nil)
        #expect(
            violation(draft(type: .fixed, value: 0))
                == Violation(field: "cashback_value", reason: "Fixed amount must be greater than 0."))
        #expect(
            violation(draft(type: .fixed, value: Decimal(sign: .plus, exponent: 15, significand: 1)))
                == Violation(field: "cashback_value", reason: "Fixed amount must be at most 9999999999.99."))
        #expect(
            violation(draft(type: .fixed, value: Decimal(string: "0.001")!))
                == Violation(
                    field: "cashback_value",
                    reason: "Fixed amount must be a whole number of cents (at most two decimals)."))
    }

    @Test func percentagesHaveAtMostFourDecimals() {
        #expect(violation(draft(value: Decimal(string: "2.5125")!)) == nil)
        #expect(
            violation(draft(value: Decimal(string: "0.00001")!))
                == Violation(field: "cashback_value", reason: "Percentage must have at most 4 decimals."))
    }

    @Test func capsAreWholeCentsUpToTheLargestPurchase() {
        #expect(violation(draft(cap: Decimal(string: "0.01")!)) == nil)
        #expect(
            violation(draft(cap: Decimal(sign: .plus, exponent: 15, significand: 1)))
                == Violation(field: "monthly_cap", reason: "Monthly cap must be at most 9999999999.99."))
        #expect(
            violation(draft(cap: Decimal(string: "0.005")!))
                == Violation(
                    field: "monthly_cap", reason: "Monthly cap must be a whole number of cents (at most two decimals).")
        )
    }

    @Test func startsAtMostAYearAhead() {
        #expect(violation(draft(start: "2027-06-16", end: "2027-07-01")) == nil)
        #expect(
            violation(draft(start: "2027-06-17", end: "2027-07-01"))
                == Violation(
                    field: "start_date",
                    reason: "Start date must be at most 366 days ahead (2027-06-16). Got: '2027-06-17'."))
        #expect(violation(draft(start: "9999-01-01", end: "9999-12-31"))?.field == "start_date")
    }

    @Test func refusesAStartInThePast() {
        #expect(
            violation(draft(start: "2026-06-14"))
                == Violation(
                    field: "start_date", reason: "Start date must be today or a future date. Got: '2026-06-14'."))
    }

    @Test func refusesAnEndBeforeTheStart() {
        #expect(
            violation(draft(start: "2026-06-20", end: "2026-06-19"))
                == Violation(
                    field: "end_date",
                    reason: "End date must be after start date. Got start='2026-06-20', end='2026-06-19'."))
    }

    @Test func refusesANonPositiveCapPrintedAsAFloat() {
        #expect(
            violation(draft(cap: -5))
                == Violation(field: "monthly_cap", reason: "Monthly cap must be positive. Got: -5.0."))
    }

    @Test func reportsOnlyTheFirstFailure() {
        #expect(violation(draft(value: 0, start: "2020-01-01", cap: 0))?.field == "cashback_value")
    }
}

@Suite struct OfferListFilterTests {
    @Test func reportsEveryFailureTogetherStatusFirst() {
        #expect(
            throws: OfferError.invalidListQuery([
                Violation(field: "status", reason: "Status must be one of: active, inactive."),
                Violation(field: "date_from", reason: "date_from (2026-02-01) must not be after date_to (2026-01-01)."),
            ])
        ) {
            try OfferListFilter.parse(
                status: "pending", merchantID: nil, dateFrom: CalendarDate(iso: "2026-02-01"),
                dateTo: CalendarDate(iso: "2026-01-01"))
        }
    }

    @Test func anEmptyStatusIsInvalid() {
        #expect(throws: OfferError.self) {
            try OfferListFilter.parse(status: "", merchantID: nil, dateFrom: nil, dateTo: nil)
        }
    }

    @Test func acceptsKnownStatusesAndEqualDates() throws {
        let day = CalendarDate(iso: "2026-01-01")
        let filter = try OfferListFilter.parse(status: "inactive", merchantID: nil, dateFrom: day, dateTo: day)
        #expect(filter.status == .inactive)
    }
}

@Suite struct OfferVisibilityTests {
    func listing(offerActive: Bool, merchantActive: Bool) -> OfferListing {
        OfferListing(
            offer: Offer(
                id: .random(), merchantID: .random(), cashback: .percent(5),
                startDate: CalendarDate(iso: "2026-01-01")!,
                endDate: CalendarDate(iso: "2026-12-31")!, monthlyCapPerUser: 10, active: offerActive),
            merchantName: "Shop", merchantActive: merchantActive)
    }

    @Test func adminsSeeEverything() throws {
        try OfferVisibility.check(listing(offerActive: false, merchantActive: false), viewerRole: .admin)
    }

    @Test func usersDoNotSeeInactiveOffersAndThatIsCheckedFirst() {
        let hidden = listing(offerActive: false, merchantActive: false)
        #expect(throws: OfferError.hidden(hidden.offer.id, reason: .offerInactive)) {
            try OfferVisibility.check(hidden, viewerRole: .user)
        }
    }

    @Test func usersDoNotSeeOffersOfInactiveMerchants() {
        let hidden = listing(offerActive: true, merchantActive: false)
        #expect(throws: OfferError.hidden(hidden.offer.id, reason: .merchantInactive)) {
            try OfferVisibility.check(hidden, viewerRole: .user)
        }
    }

    @Test func offerValidityWindowIsInclusive() {
        let offer = listing(offerActive: true, merchantActive: true).offer
        #expect(offer.isValid(on: CalendarDate(iso: "2026-01-01")!))
        #expect(offer.isValid(on: CalendarDate(iso: "2026-12-31")!))
        #expect(!offer.isValid(on: CalendarDate(iso: "2027-01-01")!))
    }
}
