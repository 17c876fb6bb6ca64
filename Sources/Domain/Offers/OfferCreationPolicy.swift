public import Foundation

/// The offer creation rules that need no database, in the spec's order (first failure wins). Beyond the spec,
/// every value is bounded to what the columns and the cashback rules can hold (ADR 016): amounts are whole cents
/// up to the largest purchase amount, percentages have at most four decimals, and an offer starts within a year.
public enum OfferCreationPolicy {
    /// How far ahead an offer may start: a merchant has one active offer, so a far-future one would block it.
    public static let maximumLeadDays = 366
    /// Decimals a percentage may have (`2.5`, `0.0125`); more would only be rounded away.
    public static let percentageDecimals = 4
    /// Checks cashback value, start date, end date and monthly cap.
    public static func validate(_ draft: OfferDraft, today: CalendarDate, maxPercentage: Decimal) throws(OfferError) {
        if let reason = cashbackValueViolation(draft, maxPercentage: maxPercentage) {
            throw .invalidDraft(Violation(field: "cashback_value", reason: reason))
        }
        guard draft.startDate >= today else {
            throw .invalidDraft(
                Violation(
                    field: "start_date",
                    reason: "Start date must be today or a future date. Got: '\(draft.startDate)'."))
        }
        let latestStart = CalendarDate(
            utcDayOf: today.startOfDayUTC.addingTimeInterval(Double(maximumLeadDays) * 86_400))
        guard draft.startDate <= latestStart else {
            throw .invalidDraft(
                Violation(
                    field: "start_date",
                    reason:
                        "Start date must be at most \(maximumLeadDays) days ahead (\(latestStart)). Got: '\(draft.startDate)'."
                ))
        }
        guard draft.endDate >= draft.startDate else {
            throw .invalidDraft(
                Violation(
                    field: "end_date",
                    reason: "End date must be after start date. Got start='\(draft.startDate)', end='\(draft.endDate)'."
                ))
        }
        guard draft.monthlyCap > 0 else {
            throw .invalidDraft(
                Violation(
                    field: "monthly_cap",
                    reason: "Monthly cap must be positive. Got: \(DecimalText.floatStyle(draft.monthlyCap))."))
        }
        if let reason = amountViolation(draft.monthlyCap, name: "Monthly cap") {
            throw .invalidDraft(Violation(field: "monthly_cap", reason: reason))
        }
    }

    /// Whole cents from 0.01 to `Money.maximum`, or why not.
    static func amountViolation(_ value: Decimal, name: String) -> String? {
        guard value <= Money.maximum.decimal else { return "\(name) must be at most \(Money.maximum)." }
        guard let money = Money(exactly: value) else {
            return "\(name) must be a whole number of cents (at most two decimals)."
        }
        guard money >= Money(minorUnits: 1) else { return "\(name) must be at least 0.01." }
        return nil
    }

    /// The number of digits after the decimal point of an exact decimal (`2.50` → 1, `3` → 0).
    static func decimalPlaces(_ value: Decimal) -> Int {
        let plain = DecimalText.plainString(value)
        guard let point = plain.firstIndex(of: ".") else { return 0 }
        return plain.distance(from: plain.index(after: point), to: plain.endIndex)
    }

    private static func cashbackValueViolation(_ draft: OfferDraft, maxPercentage: Decimal) -> String? {
        switch draft.cashbackType {
        case .percent:
            guard draft.cashbackValue > 0, draft.cashbackValue <= maxPercentage else {
                return
                    "Percentage must be between 0 (exclusive) and \(DecimalText.floatStyle(maxPercentage)) (inclusive)."
            }
            guard decimalPlaces(draft.cashbackValue) <= percentageDecimals else {
                return "Percentage must have at most \(percentageDecimals) decimals."
            }
        case .fixed:
            guard draft.cashbackValue > 0 else { return "Fixed amount must be greater than 0." }
            return amountViolation(draft.cashbackValue, name: "Fixed amount")
        }
        return nil
    }
}
