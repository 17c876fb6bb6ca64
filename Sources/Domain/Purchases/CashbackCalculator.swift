public import Foundation

/// The cashback formula: exact decimal arithmetic, round-half-even to cents, and the monthly cap per user and
/// offer (rules R-CASHBACK-FORMULA and R-MONTHLY-CAP, docs/rules.md).
public enum CashbackCalculator {
    /// The cashback of one purchase and whether the monthly cap reduced it.
    public struct Quote: Equatable, Sendable {
        public let amount: Money
        public let capApplied: Bool

        public init(amount: Money, capApplied: Bool) {
            (self.amount, self.capApplied) = (amount, capApplied)
        }
    }

    /// `credited = round2(min(raw, max(0, cap − alreadyEarned)))`, where `raw` is the fixed amount or
    /// `amount × percentage ÷ 100`, with no intermediate rounding, and never more than the purchase amount
    /// (ADR 016: a fixed 500.00 on a 0.01 purchase pays 0.01). `capApplied` reports the monthly cap only.
    public static func quote(rule: CashbackRule, amount: Money, monthlyCap: Decimal, alreadyEarned: Money) -> Quote {
        let raw = rawCashback(rule: rule, amount: amount)
        let remaining = max(0, monthlyCap - alreadyEarned.decimal)
        let capApplied = remaining < raw
        return Quote(amount: Money(roundingHalfEven: min(raw, remaining)), capApplied: capApplied)
    }

    /// The unrounded cashback before the monthly cap: the rule's amount, at most the purchase amount. This also
    /// keeps any stored offer, however large its values, from producing a cashback the columns cannot hold.
    public static func rawCashback(rule: CashbackRule, amount: Money) -> Decimal {
        let raw: Decimal =
            switch rule {
            case .fixed(let value): value
            case .percent(let percentage): amount.decimal * percentage / 100
            }
        return max(0, min(raw, amount.decimal))
    }
}

/// The calendar month (UTC) a purchase's cap is counted in.
public struct MonthWindow: Equatable, Sendable {
    /// First instant of the month.
    public let start: Date
    /// First instant of the next month.
    public let end: Date

    /// The month's first day, which names it (the key of the cap's counter, ADR 031).
    public var firstDay: CalendarDate { CalendarDate(utcDayOf: start) }

    public init(containing instant: Date) {
        let day = CalendarDate(utcDayOf: instant)
        let first = CalendarDate(year: day.year, month: day.month, day: 1) ?? day
        let next =
            day.month == 12
            ? CalendarDate(year: day.year + 1, month: 1, day: 1)
            : CalendarDate(year: day.year, month: day.month + 1, day: 1)
        self.start = first.startOfDayUTC
        self.end = (next ?? first.nextDay).startOfDayUTC
    }
}
