import Foundation
import SchemaGenCore

/// Writes an import's schema files into a folder, all or nothing: the files are written to a
/// new folder beside it, which then takes the folder's place. A folder that holds schema files
/// the import did not write (no `# Imported by schemagen import` first line) is refused, so an
/// import never overwrites hand-written schemas.
public enum ImportOutput {
    public static let marker = "# Imported by schemagen import"

    public static func write(_ schema: ImportedSchema, to directory: String) throws {
        let files = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        let exists = files.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw CatalogReadError("'\(directory)' exists and is not a folder") }
            for name in try files.contentsOfDirectory(atPath: target.path).sorted() where !name.hasPrefix(".") {
                let path = target.appendingPathComponent(name).path
                let contents = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                guard (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && contents.hasPrefix(marker) else {
                    throw CatalogReadError("'\(directory)' holds \(name), which schemagen import did not write: import into an empty or new folder (--output)")
                }
            }
        }
        try files.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).import-\(UUID().uuidString)")
        try files.createDirectory(at: staging, withIntermediateDirectories: false)
        do {
            for file in schema.files {
                try Data(file.contents.utf8).write(to: staging.appendingPathComponent(file.path))
            }
            if exists {
                let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(UUID().uuidString)")
                try files.moveItem(at: target, to: old)
                do {
                    try files.moveItem(at: staging, to: target)
                } catch {
                    try? files.moveItem(at: old, to: target)
                    throw error
                }
                try? files.removeItem(at: old)
            } else {
                try files.moveItem(at: staging, to: target)
            }
        } catch {
            try? files.removeItem(at: staging)
            throw error
        }
    }
}
