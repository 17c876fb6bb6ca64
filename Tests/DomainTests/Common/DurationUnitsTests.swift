import Domain
import Foundation
import Testing

@Suite struct DurationUnitsTests {
    @Test(arguments: [
        (Duration.zero, "0.00"), (.microseconds(4), "0.00"), (.microseconds(5), "0.01"), (.microseconds(1234), "1.23"),
        (.microseconds(1235), "1.24"), (.microseconds(99_996), "100.00"), (.milliseconds(7), "7.00"),
        (.seconds(90), "90000.00"), (.microseconds(-1234), "-1.23"),
    ])
    func millisecondsAreWrittenWithTwoDecimals(duration: Duration, text: String) {
        #expect(duration.millisecondsText == text)
    }

    @Test func agreesWithPrintfAwayFromHalves() {
        for microseconds in stride(from: 0, through: 2_000_000, by: 7919) where microseconds % 10 != 5 {
            let duration = Duration.microseconds(microseconds)
            #expect(duration.millisecondsText == String(format: "%.2f", duration.milliseconds), "\(microseconds) µs")
        }
    }
}
