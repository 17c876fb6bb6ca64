import Foundation

extension EmailAddress {
    /// The labels of a lower-cased, syntactically valid domain as a reader sees them: `xn--` labels decoded.
    ///
    /// The writing-system rules must judge the Unicode form, or `xn--80ak6aa92e.com` (Cyrillic "apple") would
    /// slip past them.
    static func unicodeLabels(of domain: String) throws(EmailAddressError) -> [String] {
        var labels: [String] = []
        for label in domain.split(separator: ".").map(String.init) {
            guard label.hasPrefix(aLabelPrefix) else {
                labels.append(label)
                continue
            }
            guard let decoded = uLabel(fromALabel: label),
                decoded.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
            else {
                throw EmailAddressError(
                    "The part after the @-sign contains an invalid internationalized domain label: \(label).")
            }
            labels.append(decoded)
        }
        return labels
    }

    /// Refuses mixed scripts (TR39 "highly restrictive") in the local part and in each domain label, then
    /// Latin look-alikes written wholly in Cyrillic or Greek unless the top-level domain uses that script.
    static func validateWritingSystems(local: String, labels: [String]) throws(EmailAddressError) {
        let local = local.precomposedStringWithCompatibilityMapping
        let labels = labels.map(\.precomposedStringWithCompatibilityMapping)
        try validateSingleWritingSystem(local, side: "before")
        for label in labels {
            try validateSingleWritingSystem(label, side: "after")
        }
        let topLevelSystems = WritingSystem.systems(in: labels.last ?? "")
        for part in [local] + labels {
            if let script = LatinLookalikes.imitatingScript(of: part), topLevelSystems != [script] {
                throw EmailAddressError(
                    "The email address looks like a Latin-letter address written with \(script) letters.")
            }
        }
    }

    private static func validateSingleWritingSystem(_ part: String, side: String) throws(EmailAddressError) {
        let systems = WritingSystem.systems(in: part)
        guard WritingSystem.mayBeMixed(systems) else {
            let names = systems.map(\.description)
            let list = names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            throw EmailAddressError(
                "The email address mixes letters from different writing systems (\(list)) \(side) the @-sign.")
        }
    }
}
