/// Which offer a purchase uses when several active offers of its merchant are valid today: the latest
/// `start_date`, ties broken by the smallest id — deterministic where the original failed (rule
/// R-OFFER-SELECTION, docs/rules.md).
public enum OfferSelection {
    public static func choose(among candidates: [Offer], on day: CalendarDate) -> Offer? {
        candidates
            .filter { $0.active && $0.isValid(on: day) }
            .min { lhs, rhs in
                lhs.startDate != rhs.startDate ? lhs.startDate > rhs.startDate : lhs.id.description < rhs.id.description
            }
    }
}
