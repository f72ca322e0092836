import Foundation
import PackagePlugin

/// Generates the Swift code of a target's schemas on `swift build`.
///
/// The target holds `schemagen.yaml` and its schema files (in `schemas/`, or the folder the
/// configuration's `schemas:` names). The plugin runs `schemagen generate` into its work folder
/// with one Swift file per schema file, so it can declare exactly the files it makes: SwiftPM
/// then runs it only when a schema, the configuration, a custom template or the tool itself
/// changed, and schemagen rewrites only files whose bytes change, so unchanged code is not
/// recompiled.
@main
struct SchemaGenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let plan = try SchemaGenPluginPlan(
            targetName: target.name,
            targetDirectory: target.directoryURL,
            files: target.sourceFiles.map(\.url) + Self.files(under: target.directoryURL),
            workDirectory: context.pluginWorkDirectoryURL)
        let tool = try context.tool(named: "schemagen")
        return [
            .buildCommand(
                displayName: "Generating Swift from the schemas of \(target.name)",
                executable: tool.url,
                arguments: plan.arguments,
                inputFiles: plan.inputs + [tool.url],
                outputFiles: plan.outputs),
        ]
    }

    /// Every file below the target folder: schema and configuration files are resources to
    /// SwiftPM, not sources, so the target's source list doesn't hold them.
    static func files(under directory: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL { files.append(url) }
        return files
    }
}
