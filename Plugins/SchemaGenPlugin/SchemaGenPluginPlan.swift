import Foundation

/// What the build plugin does for one target, worked out from its files alone: which files are
/// inputs, which are outputs, and the tool's arguments. Kept free of PackagePlugin so that unit
/// tests can compile it too (Tests/PluginTests links this file).
struct SchemaGenPluginPlan {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    var configuration: URL
    var schemaFiles: [URL]
    var templatesDirectory: URL?
    var migrationsDirectory: URL?
    var outputDirectory: URL
    var outputs: [URL]
    var inputs: [URL]
    var arguments: [String]

    static let configurationName = "schemagen.yaml"

    init(targetName: String, targetDirectory: URL, files: [URL], workDirectory: URL) throws {
        let directory = targetDirectory.standardizedFileURL.path
        let configurations = Set(files.map(\.standardizedFileURL).filter { $0.lastPathComponent == Self.configurationName })
            .sorted { $0.path < $1.path }
        guard let configuration = configurations.first else {
            throw Problem(description: "target '\(targetName)' uses the schemagen plugin but has no \(Self.configurationName): "
                + "add one at \(directory)/\(Self.configurationName) (it may be empty) next to a schemas/ folder")
        }
        guard configurations.count == 1 else {
            throw Problem(description: "target '\(targetName)' has \(configurations.count) \(Self.configurationName) files ("
                + configurations.map(\.path).joined(separator: ", ") + "): keep one and remove the others")
        }
        let settings = try Self.settings(String(contentsOf: configuration, encoding: .utf8))
        let base = configuration.deletingLastPathComponent()
        let schemasFolder = base.appendingPathComponent(settings["schemas"] ?? "schemas").standardizedFileURL
        let schemaFiles = files.map(\.standardizedFileURL)
            .filter { $0.deletingLastPathComponent().path == schemasFolder.path && ["yaml", "yml"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
        guard !schemaFiles.isEmpty else {
            throw Problem(description: "target '\(targetName)' has no schema files in \(schemasFolder.path): "
                + "add one .yaml file per collection there (or set 'schemas:' in \(Self.configurationName))")
        }
        self.configuration = configuration
        self.schemaFiles = schemaFiles
        templatesDirectory = settings["templates"].map { base.appendingPathComponent($0).standardizedFileURL }
        let templates = templatesDirectory.map { folder in
            files.map(\.standardizedFileURL).filter { $0.path.hasPrefix(folder.path + "/") && $0.pathExtension == "mustache" }
        } ?? []
        // The migration history (`migrations:`, beside schemagen.yaml): the tool embeds it in
        // DatabaseSchema.swift, so each of its files is an input.
        migrationsDirectory = settings["migrations"].map { base.appendingPathComponent($0).standardizedFileURL }
        let history = migrationsDirectory.map { folder in
            files.map(\.standardizedFileURL).filter { file in
                file.path.hasPrefix(folder.path + "/") && ["sql", "json", "sum"].contains(file.pathExtension)
            }.sorted { $0.path < $1.path }
        } ?? []
        outputDirectory = workDirectory.appendingPathComponent("Generated")
        let swiftFolder = outputDirectory.appendingPathComponent("Swift")
        outputs = schemaFiles.map { swiftFolder.appendingPathComponent($0.deletingPathExtension().lastPathComponent + ".swift") }
            + [swiftFolder.appendingPathComponent("DatabaseSchema.swift")]
        inputs = [configuration] + schemaFiles + templates + history
        arguments = ["generate", "--config", configuration.path, "--schemas", schemasFolder.path,
                     "--output", outputDirectory.path, "--outputs", "swift", "--layout", "perSchemaFile"]
        if let templatesDirectory { arguments += ["--templates", templatesDirectory.path] }
    }

    /// The top-level `key: value` lines of the configuration that decide inputs (the tool
    /// itself reads and checks the whole file).
    static func settings(_ text: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix(" ") && !line.hasPrefix("#") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, ["schemas", "templates", "migrations"].contains(parts[0]) else { continue }
            var value = parts[1]
            if let comment = value.range(of: " #") { value = String(value[..<comment.lowerBound]).trimmingCharacters(in: .whitespaces) }
            values[parts[0]] = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return values
    }
}
