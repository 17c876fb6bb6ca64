/// The registration password rules, checked in the spec's order so the first failure is the one reported.
public enum PasswordPolicy {
    /// bcrypt reads only the first 72 bytes of a password, so a longer one would be silently truncated (any
    /// other password with the same first 72 bytes would log in). Registration refuses longer ones (422).
    public static let maximumBytes = 72

    /// Returns the reason for the first rule the password breaks, or `nil` when it passes.
    public static func firstViolation(of password: String) -> String? {
        let scalars = password.unicodeScalars
        if password.count < 8 { return "Password must be at least 8 characters long." }
        if !scalars.contains(where: { ("A"..."Z").contains($0) }) {
            return "Password must contain at least one uppercase letter."
        }
        if !scalars.contains(where: { ("a"..."z").contains($0) }) {
            return "Password must contain at least one lowercase letter."
        }
        if !scalars.contains(where: { ("0"..."9").contains($0) }) {
            return "Password must contain at least one digit."
        }
        if !scalars.contains(where: { !isASCIIAlphanumeric($0) }) {
            return "Password must contain at least one special character."
        }
        return nil
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
