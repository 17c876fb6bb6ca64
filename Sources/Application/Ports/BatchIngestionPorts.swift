public import Domain
import Foundation

/// Everything a batch ingestion must know, read with a handful of statements for the whole batch.
/// Wallet versions are read first: a version older than the figures read after it can only make the record's
/// guard stricter, never let a stale cap through.
public struct BatchIngestionContext: Sendable {
    public let walletVersions: [UserID: Int64]
    /// Active flags of the users concerned (missing: no such user).
    public let userActive: [UserID: Bool]
    public let duplicates: [String: Purchase]
    public let merchants: [MerchantID: Merchant]
    public let candidateOffers: [MerchantID: [Offer]]
    /// Cashback already earned this month per user and offer.
    public let earned: [UserOffer: Money]

    public init(
        walletVersions: [UserID: Int64], userActive: [UserID: Bool], duplicates: [String: Purchase],
        merchants: [MerchantID: Merchant], candidateOffers: [MerchantID: [Offer]], earned: [UserOffer: Money]
    ) {
        self.walletVersions = walletVersions
        self.userActive = userActive
        self.duplicates = duplicates
        self.merchants = merchants
        self.candidateOffers = candidateOffers
        self.earned = earned
    }
}

/// A user and an offer: the key of the monthly cap.
public struct UserOffer: Hashable, Sendable {
    public let user: UserID
    public let offer: OfferID

    public init(user: UserID, offer: OfferID) {
        self.user = user
        self.offer = offer
    }
}

/// Set-based ingestion for batches (issue 8): two reads and one write for hundreds of purchases.
public protocol BatchIngestionRepository: Sendable {
    func context(
        externalIDs: [String], merchantIDs: [MerchantID], userIDs: [UserID], on day: CalendarDate, month: MonthWindow
    ) async throws -> BatchIngestionContext
    /// Records the drafts whose user's wallet is still at the version given (`nil`: no wallet yet), in one
    /// statement; returns the purchases recorded. Throws when another writer took one of the external ids
    /// meanwhile (nothing is written then).
    func record(_ drafts: [(purchase: Purchase, audit: AuditEntry)], walletVersions: [UserID: Int64?]) async throws
        -> Set<PurchaseID>
}
