public import Foundation

/// The offer creation rules that need no database, in the spec's order (first failure wins).
public enum OfferCreationPolicy {
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
    }

    private static func cashbackValueViolation(_ draft: OfferDraft, maxPercentage: Decimal) -> String? {
        switch draft.cashbackType {
        case .percent:
            guard draft.cashbackValue > 0, draft.cashbackValue <= maxPercentage else {
                return
                    "Percentage must be between 0 (exclusive) and \(DecimalText.floatStyle(maxPercentage)) (inclusive)."
            }
        case .fixed:
            guard draft.cashbackValue > 0 else { return "Fixed amount must be greater than 0." }
        }
        return nil
    }
}
