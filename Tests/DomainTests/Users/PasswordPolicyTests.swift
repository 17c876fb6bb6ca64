import Domain
import Testing

@Suite struct PasswordPolicyTests {
    @Test(arguments: [
        ("Ab1!", "Password must be at least 8 characters long."),
        ("abcdefg1!", "Password must contain at least one uppercase letter."),
        ("ABCDEFG1!", "Password must contain at least one lowercase letter."),
        ("Abcdefgh!", "Password must contain at least one digit."),
        ("Abcdefgh1", "Password must contain at least one special character."),
    ])
    func reportsTheFirstBrokenRuleInSpecOrder(password: String, reason: String) {
        #expect(PasswordPolicy.firstViolation(of: password) == reason)
    }

    @Test func acceptsAComplexPassword() {
        #expect(PasswordPolicy.firstViolation(of: "Str0ng!Pass") == nil)
    }

    @Test func checksLengthBeforeAnythingElse() {
        #expect(PasswordPolicy.firstViolation(of: "") == "Password must be at least 8 characters long.")
    }
}
