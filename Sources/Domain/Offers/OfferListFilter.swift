/// The filters of the full offer catalogue listing; all combine with AND.
public struct OfferListFilter: Equatable, Sendable {
    public let status: ActivityStatus?
    public let merchantID: MerchantID?
    /// Offers whose `end_date >= dateFrom`.
    public let dateFrom: CalendarDate?
    /// Offers whose `start_date <= dateTo`.
    public let dateTo: CalendarDate?

    public init(status: ActivityStatus?, merchantID: MerchantID?, dateFrom: CalendarDate?, dateTo: CalendarDate?) {
        (self.status, self.merchantID, self.dateFrom, self.dateTo) = (status, merchantID, dateFrom, dateTo)
    }

    /// Validates the raw query: both semantic checks run and all failures are reported together.
    public static func parse(
        status rawStatus: String?, merchantID: MerchantID?, dateFrom: CalendarDate?, dateTo: CalendarDate?
    ) throws(OfferError) -> OfferListFilter {
        var violations: [Violation] = []
        var status: ActivityStatus?
        if let rawStatus {
            status = ActivityStatus(rawValue: rawStatus)
            if status == nil {
                violations.append(Violation(field: "status", reason: "Status must be one of: active, inactive."))
            }
        }
        if let dateFrom, let dateTo, dateFrom > dateTo {
            violations.append(
                Violation(field: "date_from", reason: "date_from (\(dateFrom)) must not be after date_to (\(dateTo))."))
        }
        guard violations.isEmpty else { throw .invalidListQuery(violations) }
        return OfferListFilter(status: status, merchantID: merchantID, dateFrom: dateFrom, dateTo: dateTo)
    }
}
