import Foundation
import TestSupport
import Testing

/// `clicknback --version` names the release (the VERSION file) and the commit the binary was built from, so an
/// operator can tell which build a host runs (the BuildStamp plugin writes both before each build).
@Suite struct VersionTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardizedFileURL

    @Test func versionNamesTheReleaseAndTheCommit() async throws {
        let process = try ClickNBackProcess(["--version"], environment: [:])
        // Generous: this test starts with the whole suite, and on two busy cores the exit of a quick command was
        // seen after 16–25 s in some runs and after more than 60 s in one. What it checks is the line, not the time.
        #expect(try await process.waitForExit(timeout: .seconds(300)) == 0)
        let release = try String(contentsOf: Self.repository.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let commit = try Self.git(["rev-parse", "--short=12", "HEAD"])
        let line = try #require(process.logLines.first)
        let clean = "clicknback \(release) (commit \(commit))"
        let dirty = "clicknback \(release) (commit \(commit)-dirty)"
        #expect(line == clean || line == dirty, "\(line)")
    }

    /// `git` in the repository; the tests run from a checkout (CI: a fresh clone).
    static func git(_ arguments: [String]) throws -> String {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", repository.path] + arguments
        let output = Pipe()
        git.standardOutput = output
        try git.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
