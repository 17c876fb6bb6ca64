import Domain
import Testing

@Suite struct EmailAddressTests {
    @Test func lowerCasesTheDomainOnly() throws {
        #expect(try EmailAddress(parsing: "Alice@Example.COM").value == "Alice@example.com")
    }

    @Test func trimsAndStripsADisplayName() throws {
        #expect(try EmailAddress(parsing: "  Alice <alice@example.com> ").value == "alice@example.com")
    }

    @Test(arguments: [
        "no-at-sign", "@example.com", "alice@", "alice@localhost", "alice@example.test", "a..b@example.com",
        ".a@example.com", "alice@exa_mple.com", "alice@-example.com", "alice@example.123", "al ice@example.com",
    ])
    func refusesInvalidAddresses(input: String) {
        #expect(throws: EmailAddressError.self) { try EmailAddress(parsing: input) }
    }

    @Test func explainsWhatIsWrong() {
        #expect(throws: EmailAddressError("An email address must have an @-sign.")) {
            try EmailAddress(parsing: "nobody")
        }
    }

    @Test func refusesOverlongInput() {
        let local = String(repeating: "a", count: 65)
        #expect(throws: EmailAddressError.self) { try EmailAddress(parsing: "\(local)@example.com") }
    }
}
