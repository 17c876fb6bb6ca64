public import Foundation

/// What every claim knows about its queue row: which item, the token that fences every later write, and the
/// counters the runtime decides by.
public struct QueueLease: Equatable, Sendable {
    public let itemID: UUID
    /// Fences every write of this claim: a re-claim after expiry gets a new token.
    public let token: UUID
    /// Business attempts ("not matched yet") made before this claim.
    public let attempts: Int
    /// Every claim so far, this one included (counted before any call): this attempt's number.
    public let claims: Int
    /// Consecutive attempts that crashed or whose outcome the database refused, counting a crash this claim
    /// found (a row still leased when claimed again was abandoned).
    public let interruptions: Int

    public init(itemID: UUID, token: UUID, attempts: Int, claims: Int, interruptions: Int) {
        (self.itemID, self.token, self.attempts, self.claims, self.interruptions) = (
            itemID, token, attempts, claims, interruptions
        )
    }
}
