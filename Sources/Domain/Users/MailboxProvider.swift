/// How one mail provider, beyond the rules every provider shares, decides which addresses reach one mailbox.
///
/// It exists so provider quirks live in a single table instead of `if domain == …` branches; add a row when a
/// provider is known to deliver differently spelled local parts to the same inbox.
struct MailboxProvider: Sendable {
    /// The domain the provider's mailboxes are keyed under.
    let canonicalDomain: String
    /// Whether periods in the local part are ignored (`alice.smith` and `alicesmith` are one inbox).
    let ignoresPeriods: Bool

    /// The providers with rules of their own, by ASCII domain as it appears in a mailbox key.
    static let byDomain: [String: MailboxProvider] = [
        "gmail.com": gmail,
        "googlemail.com": gmail,  // Google's older domain for the same accounts.
    ]

    private static let gmail = MailboxProvider(canonicalDomain: "gmail.com", ignoresPeriods: true)
}
