public import Foundation

/// The merchant creation rule that needs no database: the default percentage range.
public enum MerchantPolicy {
    /// `0 ≤ percentage ≤ maximum`, inclusive at both ends.
    public static func validateDefaultPercentage(_ percentage: Decimal, maximum: Decimal) throws(MerchantError) {
        guard percentage >= 0, percentage <= maximum else {
            throw MerchantError.percentageOutOfRange(maximum: maximum)
        }
    }
}
