/// Where a payout goes, checked before anything is stored: a bank transfer needs a valid IBAN, a card needs the
/// payment provider's token, and no detail may be a full card number — refused, so it is never stored or logged.
public enum PayoutDestination {
    /// What is wrong with `details` for `method`, one violation per field; empty when they are acceptable.
    public static func violations(method: PayoutMethod, details: [String: String]) -> [Violation] {
        var found: [Violation] = []
        switch method {
        case .bankTransfer:
            if let iban = details["iban"] {
                if IBAN.normalised(iban) == nil {
                    found.append(Violation(field: "details.iban", reason: "Value error, invalid IBAN"))
                }
            } else {
                found.append(Violation(field: "details.iban", reason: "Field required"))
            }
        case .card:
            if details["card_token"]?.isEmpty ?? true {
                found.append(Violation(field: "details.card_token", reason: "Field required"))
            }
        }
        for (key, value) in details.sorted(by: { $0.key < $1.key }) where looksLikeACardNumber(value) {
            found.append(
                Violation(
                    field: "details.\(key)",
                    reason: "Full card numbers are not accepted; send a card_token from the payment provider"))
        }
        return found
    }

    /// The details as stored: an IBAN in its normalised form, everything else as sent.
    public static func normalised(_ details: [String: String]) -> [String: String] {
        var stored = details
        if let iban = details["iban"] { stored["iban"] = IBAN.normalised(iban) ?? iban }
        return stored
    }

    /// 13 to 19 digits, spaces and dashes aside: the shape of a primary account number.
    static func looksLikeACardNumber(_ text: String) -> Bool {
        let digits = text.filter { $0 != " " && $0 != "-" }
        return (13...19).contains(digits.count) && digits.allSatisfy { ("0"..."9").contains($0) }
    }
}
