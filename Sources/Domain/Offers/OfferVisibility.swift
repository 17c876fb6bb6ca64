/// Who may open an offer's details: admins always; regular users only active offers of active merchants.
public enum OfferVisibility {
    /// Throws `OfferError.hidden` when a non-admin may not see the offer (offer activity is checked first).
    public static func check(_ listing: OfferListing, viewerRole: Role) throws(OfferError) {
        guard viewerRole != .admin else { return }
        guard listing.offer.active else { throw .hidden(listing.offer.id, reason: .offerInactive) }
        guard listing.merchantActive else { throw .hidden(listing.offer.id, reason: .merchantInactive) }
    }
}
