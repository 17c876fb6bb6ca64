import Domain
import Foundation
import Testing

@Suite struct CalendarDateTests {
    @Test func parsesAndPrintsISODays() throws {
        let date = try #require(CalendarDate(iso: "2026-02-28"))
        #expect(date.description == "2026-02-28")
        #expect(date.nextDay.description == "2026-03-01")
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "26-01-01", "2026-1-01", "2026/01/01", "", "2026-01-01T00:00:00"])
    func refusesImpossibleOrMalformedDays(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func ordersChronologically() throws {
        let earlier = try #require(CalendarDate(iso: "2025-12-31"))
        let later = try #require(CalendarDate(iso: "2026-01-01"))
        #expect(earlier < later)
    }

    /// The arithmetic gives what Foundation's Gregorian calendar in UTC gives, from 1600 (ICU's calendar is Julian
    /// before 1582) to 9999, for instants on both sides of midnight.
    @Test func agreesWithFoundationsGregorianCalendarInUTC() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var generator = SystemRandomNumberGenerator()
        let first = -11_676_096_000.0  // 1600-01-01
        let last = 253_402_300_799.0  // 9999-12-31T23:59:59
        let edges = [0.0, -1, 86_399, 86_400, 951_782_400, 951_868_800, 4_107_542_400, first, last]
        let instants = edges + (0..<5_000).map { _ in Double.random(in: first...last, using: &generator).rounded() }
        for instant in instants.map(Date.init(timeIntervalSince1970:)) {
            let parts = calendar.dateComponents([.year, .month, .day], from: instant)
            let day = CalendarDate(utcDayOf: instant)
            #expect([day.year, day.month, day.day] == [parts.year, parts.month, parts.day], "\(instant)")
            #expect(day.startOfDayUTC == calendar.startOfDay(for: instant), "\(instant)")
            #expect(CalendarDate(daysSinceEpoch: day.daysSinceEpoch) == day)
            #expect(day.nextDay.daysSinceEpoch == day.daysSinceEpoch + 1)
        }
    }

    @Test func leapDaysFollowTheGregorianRule() {
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2026, month: 12, day: 31)?.nextDay.description == "2027-01-01")
        #expect(CalendarDate(year: 0, month: 1, day: 1) == nil && CalendarDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(CalendarDate(daysSinceEpoch: -1).description == "1969-12-31")
        #expect(CalendarDate(utcDayOf: Date(timeIntervalSince1970: -0.5)).description == "1969-12-31")
    }

    @Test func todayIsTheUTCDay() {
        let lateEvening = Date(timeIntervalSince1970: 1_767_225_599)  // 2025-12-31T23:59:59Z
        #expect(CalendarDate(utcDayOf: lateEvening).description == "2025-12-31")
        #expect(CalendarDate(utcDayOf: lateEvening.addingTimeInterval(1)).description == "2026-01-01")
    }
}

@Suite struct TypedIDTests {
    @Test func acceptsAnyCaseAndMissingHyphensAndPrintsLowerCase() throws {
        let id = try #require(UserID(parsing: "B7E2C1A24F3A4E2B9C1A8D2E3F4B5C6D"))
        #expect(id.description == "b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d")
        #expect(UserID(parsing: "not-a-uuid") == nil)
        #expect(UserID(parsing: "b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6g") == nil)
    }
}

@Suite struct DecimalTextTests {
    @Test func printsFloatsTheWayTheOriginalDid() throws {
        #expect(DecimalText.floatStyle(20) == "20.0")
        #expect(DecimalText.floatStyle(try #require(Decimal(string: "7.5"))) == "7.5")
        #expect(DecimalText.floatStyle(-5) == "-5.0")
    }

    @Test func parsesOnlyPlainDecimals() {
        #expect(DecimalText.parse("5.5") == Decimal(string: "5.5"))
        #expect(DecimalText.parse("-3") == -3)
        #expect(DecimalText.parse("1e2") == nil)
        #expect(DecimalText.parse("abc") == nil)
        #expect(DecimalText.parse("") == nil)
    }

    @Test func parsesEveryPlainDecimalToWhatFoundationReads() {
        let posix = Locale(identifier: "en_US_POSIX")
        var literals = [
            "0", "0.00", "-0", "-0.00", "+0.5", "007.50", "100.00", "9999999999.99", "0.0000000001",
            "1844674407370955161", "18446744073709551615", "99999999999999999999.99", "-12345678901234567890.5",
        ]
        for _ in 0..<2000 {
            let whole = String((0..<Int.random(in: 1...12)).map { _ in "0123456789".randomElement() ?? "0" })
            let fraction = String((0..<Int.random(in: 0...8)).map { _ in "0123456789".randomElement() ?? "0" })
            let sign = ["", "-", "+"].randomElement() ?? ""
            literals.append(sign + whole + (fraction.isEmpty ? "" : "." + fraction))
        }
        for literal in literals {
            let expected = Decimal(string: literal, locale: posix)
            #expect(DecimalText.parse(literal) == expected, "\(literal)")
            #expect(DecimalText.parse(literal).map(DecimalText.plainString) == expected.map(DecimalText.plainString))
        }
    }
}
