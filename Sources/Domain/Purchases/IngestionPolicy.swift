public import Foundation

/// Purchase ingestion's rules as pure functions (rule R-INGESTION, docs/rules.md), shared by the single path,
/// its locked retry and the set-based batch: who may submit what, the checks in their order, and what a
/// purchase that passes them writes.
public enum IngestionPolicy {
    /// A user posts only their own purchases; a partner only for its merchants.
    public static func checkSubmitter(_ submitter: Submitter, of submission: PurchaseSubmission) throws {
        switch submitter {
        case .user(let id):
            guard submission.userID == id else { throw PurchaseError.notOwnSubmission }
        case .partner(let partner):
            guard partner.merchantIDs.contains(submission.merchantID) else {
                throw PartnerError.notPartnerMerchant(merchant: submission.merchantID)
            }
        }
    }

    /// A user posting for themselves (the owner, by `checkSubmitter`) is checked against their account in the
    /// ingestion's own read, first, as authentication checks every other route (ADR 041): an account that is
    /// gone makes the token invalid, a deactivated one is refused.
    public static func checkCaller(_ submitter: Submitter, in context: IngestionContext) throws(AuthError) {
        guard case .user(let id) = submitter else { return }
        guard context.ownerExists else { throw .invalidToken }
        guard context.ownerActive else { throw .userInactive(id) }
    }

    /// The offer the purchase earns on, after the checks in order: duplicate, currency, user, merchant, offer.
    public static func eligibleOffer(
        for submission: PurchaseSubmission, in context: IngestionContext, on day: CalendarDate
    ) throws(PurchaseError) -> Offer {
        if let existing = context.duplicate { throw .duplicate(existing) }
        guard submission.currency.uppercased() == "EUR" else { throw .unsupportedCurrency(submission.currency) }
        guard context.ownerActive else { throw .userNotEligible(submission.userID) }
        guard let merchant = context.merchant, merchant.active else {
            throw .merchantNotEligible(submission.merchantID)
        }
        guard let offer = OfferSelection.choose(among: context.candidateOffers, on: day) else {
            throw .offerNotAvailable(merchant.id)
        }
        return offer
    }

    /// The pending purchase, its audit row and its ledger movements, with the cashback quoted against what the
    /// user already earned on `offer` this month.
    public static func draft(
        _ submission: PurchaseSubmission, offer: Offer, alreadyEarned: Money, by submitter: Submitter, at now: Date
    ) -> IngestionDraft {
        let quote = CashbackCalculator.quote(
            rule: offer.cashback, amount: submission.amount, monthlyCap: offer.monthlyCapPerUser,
            alreadyEarned: alreadyEarned)
        let purchase = Purchase(
            id: .random(), externalID: submission.externalID, userID: submission.userID,
            merchantID: submission.merchantID, offerID: offer.id, amount: submission.amount,
            cashbackAmount: quote.amount, currency: submission.currency, status: .pending, createdAt: now,
            partnerID: submitter.namespace)
        let audit = AuditEntry(
            occurredAt: now, actor: submitter.actor, action: .purchaseIngested, resourceType: "purchase",
            resourceID: purchase.id.description,
            details: [
                "merchant_id": purchase.merchantID.description, "offer_id": offer.id.description,
                "amount": purchase.amount.description, "cashback_amount": quote.amount.description,
                "cap_applied": String(quote.capApplied),
            ])
        return IngestionDraft(
            purchase: purchase, capApplied: quote.capApplied, audit: audit,
            movements: PurchaseTransitions.ingestion(of: purchase))
    }
}
