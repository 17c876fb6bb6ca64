public import Domain
import Foundation

/// The batch's context read: a handful of statements whatever the batch size (issue 8). Batches are recorded
/// by `PurchaseRepository.recordIngestions`, like single purchases.
public protocol BatchIngestionRepository: Sendable {
    /// `namespace`: where the batch's external ids live (the submitting partner's: ADR 040).
    func context(
        externalIDs: [String], in namespace: PartnerID?, merchantIDs: [MerchantID], userIDs: [UserID],
        on day: CalendarDate, month: MonthWindow
    ) async throws -> BatchIngestionContext
}

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
        (self.walletVersions, self.userActive, self.duplicates, self.merchants, self.candidateOffers, self.earned) = (
            walletVersions, userActive, duplicates, merchants, candidateOffers, earned
        )
    }

    /// What the batch read says about one submission, as the single path would have read it.
    public func context(for submission: PurchaseSubmission) -> IngestionContext {
        let offers = candidateOffers[submission.merchantID] ?? []
        var earnedThisMonth: [OfferID: Money] = [:]
        for offer in offers {
            earnedThisMonth[offer.id] = earned[UserOffer(user: submission.userID, offer: offer.id)] ?? .zero
        }
        return IngestionContext(
            duplicate: duplicates[submission.externalID], ownerExists: userActive[submission.userID] != nil,
            ownerActive: userActive[submission.userID] ?? false,
            merchant: merchants[submission.merchantID], candidateOffers: offers, earnedThisMonth: earnedThisMonth,
            walletVersion: walletVersions[submission.userID])
    }
}

/// A user and an offer: the key of the monthly cap.
public struct UserOffer: Hashable, Sendable {
    public let user: UserID
    public let offer: OfferID

    public init(user: UserID, offer: OfferID) {
        (self.user, self.offer) = (user, offer)
    }
}
