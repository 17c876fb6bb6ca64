/// A `Duration` in the units logs, metrics, SQL intervals and HTTP headers use, written once instead of from
/// `components` at every call site.
extension Duration {
    /// Whole nanoseconds, rounded toward zero.
    public var wholeNanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }

    /// Whole microseconds, rounded toward zero.
    public var wholeMicroseconds: Int64 { components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000 }

    /// Whole milliseconds, rounded toward zero.
    public var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// Milliseconds with their fraction.
    public var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }

    /// Milliseconds with two decimals, from whole microseconds rounded to the nearest hundredth, halves away from
    /// zero (`12.34`; printf would round an exact half to even): a log line's `duration_ms`,
    /// written without `String(format:)`, whose trip through printf cost every request a few microseconds.
    public var millisecondsText: String {
        let microseconds = wholeMicroseconds
        let hundredths = (microseconds.magnitude + 5) / 10
        let fraction = hundredths % 100
        return (microseconds < 0 ? "-" : "") + "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// Seconds with their fraction.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
