import Domain
import Foundation
import Testing

@Suite struct UUIDTextTests {
    @Test func writesWhatFoundationWritesInLowerCase() {
        for _ in 0..<200 {
            let uuid = UUID()
            #expect(UUIDText.lowercased(uuid) == uuid.uuidString.lowercased())
        }
    }

    @Test func readsWhatFoundationReadsInAnyCase() throws {
        for _ in 0..<200 {
            let uuid = UUID()
            #expect(UUIDText.parse(uuid.uuidString) == uuid)
            #expect(UUIDText.parse(uuid.uuidString.lowercased()) == uuid)
            #expect(UUIDText.parse(uuid.uuidString.replacingOccurrences(of: "-", with: "")) == uuid)
        }
        let mixed = "b7E2c1A2-4f3a-4E2B-9c1a-8D2e3f4b5c6d"
        #expect(UUIDText.parse(mixed) == UUID(uuidString: mixed))
    }

    @Test(arguments: [
        "", "b7e2c1a2", "b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6", "b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6dd",
        "b7e2c1a24-f3a-4e2b-9c1a-8d2e3f4b5c6d", "b7e2c1a2_4f3a_4e2b_9c1a_8d2e3f4b5c6d",
        "g7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d", "b7e2c1a24f3a4e2b9c1a8d2e3f4b5c6z",
        "b7e2c1a2-4f3a-4e2b-9c1a8d2e3f4b5c6d",
        "b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6\u{e9}", "１７e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c",
    ])
    func refusesAnythingElse(_ text: String) {
        #expect(UUIDText.parse(text) == nil)
    }

    @Test func typedIDsUseTheLowerCaseForm() throws {
        let id = try #require(UserID(parsing: "B7E2C1A24F3A4E2B9C1A8D2E3F4B5C6D"))
        #expect(id.description == "b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d")
    }
}
