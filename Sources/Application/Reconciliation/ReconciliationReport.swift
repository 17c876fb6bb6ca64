public import Foundation

/// A recorded reconcile: when it ended and what it found. `report.drifts` holds at most `driftsKept` of the
/// `driftCount` drifts found.
public struct ReconciliationRun: Equatable, Sendable {
    public static let driftsKept = 100
    public static let runsKept = 1000

    public let finishedAt: Date
    public let report: ReconciliationReport
    public let driftCount: Int

    public init(finishedAt: Date, report: ReconciliationReport, driftCount: Int) {
        (self.finishedAt, self.report, self.driftCount) = (finishedAt, report, driftCount)
    }
}

/// What `clicknback reconcile` found.
public struct ReconciliationReport: Equatable, Sendable {
    public let walletsChecked: Int
    public let purchasesChecked: Int
    public let payoutsChecked: Int
    public let drifts: [Drift]

    public init(walletsChecked: Int, purchasesChecked: Int, payoutsChecked: Int, drifts: [Drift]) {
        (self.walletsChecked, self.purchasesChecked, self.payoutsChecked, self.drifts) = (
            walletsChecked, purchasesChecked, payoutsChecked, drifts
        )
    }

    public var isClean: Bool { drifts.isEmpty }
}

/// One broken invariant: which rule, about what, and the numbers that disagree.
public struct Drift: Equatable, Sendable {
    public let rule: String
    public let subject: String
    public let detail: String

    public init(rule: String, subject: String, detail: String) {
        (self.rule, self.subject, self.detail) = (rule, subject, detail)
    }
}
