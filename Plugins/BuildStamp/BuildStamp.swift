import Foundation
import PackagePlugin

/// Gives the `clicknback` binary its release version and the commit it was built from, for `--version` and the
/// start-up log line. SwiftPM has no way to pass a string into Swift code at build time, so this plugin writes a
/// small Swift file before each build (`scripts/build-stamp.sh`: the `VERSION` file and `git rev-parse`).
@main
struct BuildStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "stamp")
        return [
            .prebuildCommand(
                displayName: "Stamping the version and commit",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [root.appending(path: "scripts/build-stamp.sh").path, root.path, output.path],
                outputFilesDirectory: output)
        ]
    }
}
