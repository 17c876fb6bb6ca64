import Foundation

/// International Bank Account Number validation (ISO 13616 check digits, mod 97).
public enum IBAN {
    /// The IBAN without spaces, upper-cased, when it is well-formed and its check digits hold.
    public static func normalised(_ text: String) -> String? {
        let compact = text.replacingOccurrences(of: " ", with: "").uppercased()
        let scalars = Array(compact.unicodeScalars)
        guard (15...34).contains(scalars.count),
            scalars.prefix(2).allSatisfy({ ("A"..."Z").contains($0) }),
            scalars.dropFirst(2).prefix(2).allSatisfy({ ("0"..."9").contains($0) }),
            scalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        else { return nil }
        let rearranged = scalars.dropFirst(4) + scalars.prefix(4)
        var remainder = 0
        for scalar in rearranged {
            let value = ("0"..."9").contains(scalar) ? Int(scalar.value - 48) : Int(scalar.value - 55)
            remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97
        }
        return remainder == 1 ? compact : nil
    }
}
