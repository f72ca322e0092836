import Foundation
import PackagePlugin

/// `swift package generate-schema-code [--target NAME …]`: runs `schemagen generate` for each
/// target that holds a `schemagen.yaml` (or only those named), writing into the folders its
/// configuration names (by default `Generated/` beside the configuration), so the output can be
/// checked in and read in pull requests.
@main
struct GenerateSchemaCode: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) throws {
        var extractor = ArgumentExtractor(arguments)
        let names = Set(extractor.extractOption(named: "target"))
        let tool = try context.tool(named: "schemagen")
        var ran = 0
        for target in context.package.targets {
            guard names.isEmpty || names.contains(target.name) else { continue }
            let directory = target.directoryURL
            let configuration = directory.appendingPathComponent("schemagen.yaml")
            guard FileManager.default.fileExists(atPath: configuration.path) else {
                if names.contains(target.name) {
                    Diagnostics.error("target '\(target.name)' has no schemagen.yaml: add one at \(configuration.path)")
                }
                continue
            }
            let process = Process()
            process.executableURL = tool.url
            process.currentDirectoryURL = directory
            process.arguments = ["generate", "--config", configuration.path]
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 {
                Diagnostics.error("schemagen generate failed for target '\(target.name)'")
            }
            ran += 1
        }
        if ran == 0 && names.isEmpty {
            Diagnostics.warning("no target holds a schemagen.yaml")
        }
    }
}
