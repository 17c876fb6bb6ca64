/// Default and maximum `limit` of a listing.
public struct PageLimits: Sendable {
    public let defaultLimit: Int
    public let maxLimit: Int

    public init(defaultLimit: Int, maxLimit: Int) {
        (self.defaultLimit, self.maxLimit) = (defaultLimit, maxLimit)
    }

    /// Purchases and wallet listings: fixed 10 / 100 (spec section 0.9).
    public static let fixed = PageLimits(defaultLimit: 10, maxLimit: 100)
}
