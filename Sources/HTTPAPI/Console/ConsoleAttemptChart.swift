import Application
import Foundation

/// Attempts per minute over the last hour as a small stacked bar chart drawn on the server (ADR 022): one bar a
/// minute, coloured by what the attempts came to. Its values feed an inline `<svg>` in the Queues page; its
/// summary is the chart's text alternative.
struct ConsoleAttemptChart {
    /// What an outcome counts as in the chart, in stacking order.
    enum Kind: String, CaseIterable {
        case settled, retried, unavailable, trouble

        init(outcome: String) {
            switch outcome {
            case "confirmed", "rejected", "completed", "failed": self = .settled
            case "retry": self = .retried
            case "unavailable": self = .unavailable
            default: self = .trouble
            }
        }

        var label: String {
            switch self {
            case .settled: "settled"
            case .retried: "retried"
            case .unavailable: "downstream unavailable"
            case .trouble: "interrupted, crashed or parked"
            }
        }
    }

    static let width = 600
    static let height = 120
    static let minutes = 60

    let counts: [AttemptCount]
    /// The minute the chart ends with (the current one).
    let now: Date

    /// The rectangles of the bars, as the template draws them.
    var bars: [[String: Any]] {
        let start = Self.minute(now).addingTimeInterval(-Double(Self.minutes - 1) * 60)
        var perMinute = Array(repeating: [Kind: Int](), count: Self.minutes)
        for count in counts {
            let index = Int((Self.minute(count.minute).timeIntervalSince(start) / 60).rounded())
            guard perMinute.indices.contains(index) else { continue }
            perMinute[index][Kind(outcome: count.outcome), default: 0] += count.count
        }
        let highest = max(1, perMinute.map { $0.values.reduce(0, +) }.max() ?? 1)
        let slot = Self.width / Self.minutes
        var rectangles: [[String: Any]] = []
        for (index, kinds) in perMinute.enumerated() {
            var top = Self.height
            for kind in Kind.allCases {
                guard let value = kinds[kind], value > 0 else { continue }
                let height = max(1, value * Self.height / highest)
                top -= height
                rectangles.append([
                    "x": index * slot, "y": top, "width": slot - 1, "height": height, "kind": kind.rawValue,
                ])
            }
        }
        return rectangles
    }

    /// Totals per kind, for the text alternative and the legend.
    var summary: String {
        var totals: [Kind: Int] = [:]
        for count in counts { totals[Kind(outcome: count.outcome), default: 0] += count.count }
        let parts = Kind.allCases.map { "\(totals[$0] ?? 0) \($0.label)" }
        return "Attempts over the last hour: " + parts.joined(separator: ", ") + "."
    }

    private static func minute(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
    }
}
