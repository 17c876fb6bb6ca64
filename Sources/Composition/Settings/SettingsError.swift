/// A configuration problem found at start-up; the message names the variable so the operator can fix it.
public struct SettingsError: Error, Equatable, CustomStringConvertible {
    public let variable: String
    public let problem: String

    public init(_ variable: String, _ problem: String) {
        (self.variable, self.problem) = (variable, problem)
    }

    public var description: String { "invalid configuration: \(variable) \(problem)" }
}
