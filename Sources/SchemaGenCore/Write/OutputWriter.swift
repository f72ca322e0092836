import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// How the output folder differs from what the schemas generate.
public struct OutputDiff: Sendable, Equatable {
    /// Generated but not on disk.
    public var missing: [String] = []
    /// On disk with other bytes.
    public var stale: [String] = []
    /// On disk but no longer generated.
    public var extra: [String] = []
    /// On disk with the same bytes.
    public var unchanged: [String] = []

    public var isClean: Bool { missing.isEmpty && stale.isEmpty && extra.isEmpty }
}

/// Write: text → the output folder. Only files whose bytes change are written (so builds don't
/// recompile unchanged code), files no longer generated are removed, and every new byte is on
/// disk in a temporary file before any existing file is touched.
///
/// schemagen owns the output folder: every file in it that it did not generate is removed,
/// except hidden files such as `.gitkeep`.
public enum OutputWriter {
    public static func diff(_ files: [GeneratedFile], against directory: String) throws -> OutputDiff {
        var diff = OutputDiff()
        let root = URL(fileURLWithPath: directory)
        for file in files {
            let url = root.appendingPathComponent(file.path)
            guard let existing = FileManager.default.contents(atPath: url.path) else {
                diff.missing.append(file.path)
                continue
            }
            if existing == Data(file.contents.utf8) {
                diff.unchanged.append(file.path)
            } else {
                diff.stale.append(file.path)
            }
        }
        let generated = Set(files.map(\.path))
        diff.extra = try existingFiles(in: root).filter { !generated.contains($0) }
        return diff
    }

    /// Writes what changed and removes what is extra; returns what it did.
    @discardableResult
    public static func write(_ files: [GeneratedFile], to directory: String) throws -> OutputDiff {
        let diff = try diff(files, against: directory)
        let root = URL(fileURLWithPath: directory)
        let changed = Set(diff.missing + diff.stale)
        let fileManager = FileManager.default

        // Phase 1: every changed file into a temporary file beside its target. A failure here
        // (disk full, no permission) removes the temporary files and leaves the folder as it was.
        var prepared: [(temporary: URL, target: URL)] = []
        do {
            for file in files where changed.contains(file.path) {
                let target = root.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                let temporary = target.deletingLastPathComponent()
                    .appendingPathComponent(".\(target.lastPathComponent).schemagen-\(ProcessInfo.processInfo.processIdentifier)")
                try writeFile(file.contents, to: temporary)
                prepared.append((temporary, target))
            }
        } catch {
            for entry in prepared { try? fileManager.removeItem(at: entry.temporary) }
            throw error
        }

        // Phase 2: move each into place; a rename replaces the old file in one step.
        for entry in prepared {
            if rename(entry.temporary.path, entry.target.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: entry.target.path])
            }
        }

        // Phase 3: remove what is no longer generated, then folders left empty.
        for path in diff.extra {
            try fileManager.removeItem(at: root.appendingPathComponent(path))
        }
        try removeEmptyFolders(in: root)
        return diff
    }

    /// Writes `text` into a new file. Without fsync, unlike `Data.write(to:)` here: the output
    /// can always be generated again, and one fsync per file was most of a run's wall time.
    private static func writeFile(_ text: String, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw writeError(url) }
        defer { close(descriptor) }
        var text = text
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw writeError(url)
                }
                offset += written
            }
        }
    }

    private static func writeError(_ url: URL) -> Error {
        let code = errno
        return CocoaError(.fileWriteUnknown, userInfo: [
            NSFilePathErrorKey: url.path,
            NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code)),
        ])
    }

    /// Regular, non-hidden files below `root`, as sorted relative paths; Migrations/ is history
    /// that only `schemagen migrate` writes, so it is left out.
    static func existingFiles(in root: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: root.path) else { return [] }
        var paths: [String] = []
        let rootPath = root.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                        options: [.skipsHiddenFiles])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            let relative = String(path.dropFirst(rootPath.count).drop { $0 == "/" })
            if relative.hasPrefix(MigrationHistory.folder + "/") { continue }
            paths.append(relative)
        }
        return paths.sorted()
    }

    private static func removeEmptyFolders(in root: URL) throws {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
        var folders: [URL] = []
        while let url = enumerator.nextObject() as? URL {
            if try url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true { folders.append(url) }
        }
        // Deepest first, so a folder holding only empty folders goes too.
        for folder in folders.sorted(by: { $0.path.count > $1.path.count })
        where (try? fileManager.contentsOfDirectory(atPath: folder.path).isEmpty) == true {
            try fileManager.removeItem(at: folder)
        }
    }
}
