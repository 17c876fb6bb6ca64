import Application
import Domain
import Foundation

/// The batch context over the in-memory store; batches are recorded by `InMemoryPurchases.recordIngestions`.
struct InMemoryBatchIngestion: BatchIngestionRepository {
    let working: WorkingCopy

    func context(
        externalIDs: [String], in namespace: PartnerID?, merchantIDs: [MerchantID], userIDs: [UserID],
        on day: CalendarDate, month: MonthWindow
    ) async throws -> BatchIngestionContext {
        let state = working.state.withLock { $0 }
        let offers = Dictionary(
            grouping: state.offers.filter { merchantIDs.contains($0.merchantID) && $0.active && $0.isValid(on: day) },
            by: \.merchantID)
        var earned: [UserOffer: Money] = [:]
        let purchases = InMemoryPurchases(working: working)
        for user in userIDs {
            for offer in offers.values.flatMap({ $0 }) {
                earned[UserOffer(user: user, offer: offer.id)] = try await purchases.cashbackEarned(
                    userID: user, offerID: offer.id, in: month)
            }
        }
        var versions: [UserID: Int64] = [:]
        var active: [UserID: Bool] = [:]
        for user in userIDs {
            if state.wallets[user] != nil { versions[user] = 0 }
            if let found = state.users.first(where: { $0.id == user }) { active[user] = found.active }
        }
        var duplicates: [String: Purchase] = [:]
        for purchase in state.purchases
        where externalIDs.contains(purchase.externalID) && purchase.partnerID == namespace {
            duplicates[purchase.externalID] = purchase
        }
        var merchants: [MerchantID: Merchant] = [:]
        for merchant in state.merchants where merchantIDs.contains(merchant.id) { merchants[merchant.id] = merchant }
        return BatchIngestionContext(
            walletVersions: versions, userActive: active, duplicates: duplicates, merchants: merchants,
            candidateOffers: offers, earned: earned)
    }
}
