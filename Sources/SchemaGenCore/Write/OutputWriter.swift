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

/// A failure to write the output folder, as one line for the user: what could not be done, to
/// which path, and the system's reason.
public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    init(_ action: String, _ path: String, errno code: Int32 = errno) {
        message = "cannot \(action) \(path): \(String(cString: strerror(code)))"
    }
}

/// Write: text → the output folder, all or nothing, even when the process is killed.
///
/// - Only changed bytes are written. When nothing changed, nothing is touched.
/// - Otherwise the whole new tree is built beside the old one, in a hidden sibling folder
///   (`.Generated.schemagen-new-PID`): unchanged files are hard links to the old ones (so they keep
///   their inode and modification date, which the build plugin relies on), changed files are new,
///   extra files are left out, and hidden files and `Migrations/` are carried over. Then one
///   `renameat2(RENAME_EXCHANGE)` (`renamex_np(RENAME_SWAP)` on macOS) swaps the two folders, and
///   the old tree is removed. A process killed at any moment leaves the folder entirely old or
///   entirely new. Where the exchange is not supported, the old folder is renamed aside
///   (`.Generated.schemagen-old-PID`) and the new one into place; a run that finds no output
///   folder but an old one aside puts it back.
/// - Every run removes what earlier runs left behind: those sibling folders, and the hidden
///   `.NAME.schemagen-PID` temporary files of older versions inside the output folder.
/// - Runs on one output folder take turns: an exclusive `flock` on the folder that holds it.
///
/// schemagen owns the output folder: every file in it that it did not generate is removed,
/// except hidden files such as `.gitkeep`.
public enum OutputWriter {
    public static func diff(_ files: [GeneratedFile], against directory: String) throws -> OutputDiff {
        try diffAndListing(files, against: directory).diff
    }

    /// `diff`, and the folder's listing it was made from (which also names the legacy temporary
    /// files a clean folder loses): one walk of the folder for both.
    private static func diffAndListing(_ files: [GeneratedFile], against directory: String) throws -> (diff: OutputDiff, listing: Listing) {
        var diff = OutputDiff()
        let root = URL(fileURLWithPath: directory)
        // No folder yet (a first run, a fresh checkout): every file is missing, none is read.
        guard access(root.path, F_OK) == 0 else {
            diff.missing = files.map(\.path)
            return (diff, Listing())
        }
        // The files compared on every core at once: regenerating into an up-to-date folder
        // (the common case, and the build plugin's) is mostly this.
        let states = Slots<FileState>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            states.put(state(of: root.path + "/" + files[index].path, against: files[index].contents), at: index)
        }
        for (file, state) in zip(files, states.values()) {
            switch state {
            case .missing: diff.missing.append(file.path)
            case .stale: diff.stale.append(file.path)
            case .unchanged: diff.unchanged.append(file.path)
            }
        }
        let generated = Set(files.map(\.path))
        let listing = Listing(of: root.path)
        diff.extra = listing.files.filter { !generated.contains($0) }
        return (diff, listing)
    }

    private enum FileState { case missing, stale, unchanged }

    /// Whether the file at `path` holds exactly `text`'s bytes: its size first, then its bytes,
    /// read into one buffer and compared in place (no copies into `Data`). Anything but a
    /// readable regular file is missing.
    private static func state(of path: String, against text: String) -> FileState {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .missing }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .missing }
        var text = text
        return text.withUTF8 { expected -> FileState in
            guard Int(info.st_size) == expected.count else { return .stale }
            guard expected.count > 0 else { return .unchanged }
            // One byte more than expected: a file that grew since `fstat` reads as stale.
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: expected.count + 1, alignment: 1)
            defer { buffer.deallocate() }
            var filled = 0
            while filled < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if count < 0 && errno == EINTR { continue }
                if count < 0 { return .missing }
                if count == 0 { break }
                filled += count
            }
            guard filled == expected.count else { return .stale }
            return memcmp(buffer.baseAddress!, expected.baseAddress!, expected.count) == 0 ? .unchanged : .stale
        }
    }

    /// Writes what changed and removes what is extra; returns what it did.
    @discardableResult
    public static func write(_ files: [GeneratedFile], to directory: String) throws -> OutputDiff {
        try write(files, to: directory, exchanging: true)
    }

    /// `exchanging: false` takes the path of file systems that can't exchange two folders (for tests).
    static func write(_ files: [GeneratedFile], to directory: String, exchanging: Bool) throws -> OutputDiff {
        let target = OutputFolder(directory)
        guard !target.name.isEmpty, target.name != ".", target.name != ".." else {
            throw WriteError("write the output folder", directory, errno: EINVAL)
        }
        try makeFolders(target.parent)
        let lock = try FolderLock(target.parent)
        defer { lock.release() }

        // The parent listed once (it may be a large folder, such as /tmp): put back an old tree a
        // killed run left aside, then remove the rest.
        let leftovers = target.leftovers()
        let recovered = target.recoverInterruptedSwap(leftovers)
        for leftover in leftovers where leftover.path != recovered { removeTree(leftover.path) }
        let exists = target.exists
        let (diff, listing) = try diffAndListing(files, against: target.path)
        if diff.isClean && exists {
            for path in listing.legacyTemporaries { unlink(target.path + "/" + path) }
            return diff
        }
        // A folder the user made read-only stays as it is (the swap could replace it anyway).
        if exists, access(target.path, W_OK) != 0 { throw WriteError("write to", target.path) }
        if access(target.parent, W_OK) != 0 { throw WriteError("write to", target.parent) }

        // The new tree, beside the old one. A failure removes it and leaves the folder as it was.
        let staging = target.sibling("new")
        do {
            try buildTree(at: staging, from: exists ? target.path : nil, files: files, diff: diff)
        } catch {
            removeTree(staging)
            throw error
        }

        // The swap: one step.
        if !exists {
            guard rename(staging, target.path) == 0 else {
                let code = errno
                removeTree(staging)
                throw WriteError("create", target.path, errno: code)
            }
            return diff
        }
        if exchanging, exchange(staging, target.path) {
            removeTree(staging)  // now the old tree
            return diff
        }
        // No exchange on this file system: the old tree aside, the new one in place.
        let aside = target.sibling("old")
        guard rename(target.path, aside) == 0 else {
            let code = errno
            removeTree(staging)
            throw WriteError("replace", target.path, errno: code)
        }
        guard rename(staging, target.path) == 0 else {
            let code = errno
            _ = rename(aside, target.path)
            removeTree(staging)
            throw WriteError("replace", target.path, errno: code)
        }
        removeTree(aside)
        return diff
    }

    /// Fills `staging` with the new tree: what `old` keeps (hidden files, migrations, links),
    /// unchanged generated files as hard links to the old ones, changed ones written.
    private static func buildTree(at staging: String, from old: String?, files: [GeneratedFile], diff: OutputDiff) throws {
        let fileManager = FileManager.default
        guard mkdir(staging, 0o777) == 0 else { throw WriteError("create", staging) }
        let generated = Set(files.map(\.path))
        if let old {
            var info = stat()
            if stat(old, &info) == 0 { chmod(staging, info.st_mode & 0o7777) }
            // Carried over: what schemagen doesn't own.
            let enumerator = fileManager.enumerator(atPath: old)
            while let path = enumerator?.nextObject() as? String {
                let source = old + "/" + path, destination = staging + "/" + path
                var entry = stat()
                guard lstat(source, &entry) == 0 else { continue }
                let components = path.split(separator: "/")
                let isHidden = components.contains { $0.hasPrefix(".") }
                let isHistory = components.first.map(String.init) == MigrationHistory.folder
                switch entry.st_mode & S_IFMT {
                case S_IFDIR:
                    if isLegacyTemporary(String(components.last ?? "")) { enumerator?.skipDescendants(); continue }
                    if isHidden || isHistory { try makeFolders(destination) }
                case S_IFREG:
                    guard !generated.contains(path), isHidden || isHistory,
                          !isLegacyTemporary(String(components.last ?? "")) else { continue }
                    try makeFolders((destination as NSString).deletingLastPathComponent)
                    try linkOrCopy(source, destination)
                case S_IFLNK:
                    // Links are not schemagen's (it never writes one): they stay.
                    guard !generated.contains(path) else { continue }
                    try makeFolders((destination as NSString).deletingLastPathComponent)
                    let target = try fileManager.destinationOfSymbolicLink(atPath: source)
                    guard symlink(target, destination) == 0 else { throw WriteError("create", destination) }
                default:
                    continue
                }
            }
        }
        // Each folder made once, then the files on every core at once: most of writing a large
        // output is the kernel creating inodes, and a `mkdir -p` per file was as many syscalls.
        var folders: Set<Substring> = []
        for file in files {
            guard let slash = file.path.lastIndex(of: "/"), folders.insert(file.path[..<slash]).inserted else { continue }
            try makeFolders(staging + "/" + file.path[..<slash])
        }
        let unchanged = Set(diff.unchanged)
        let failures = Slots<(any Error)?>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            let destination = staging + "/" + file.path
            do {
                if let old, unchanged.contains(file.path) {
                    try linkOrCopy(old + "/" + file.path, destination)
                } else {
                    try writeFile(file.contents, to: destination)
                }
                failures.put(nil, at: index)
            } catch {
                failures.put(error, at: index)
            }
        }
        if let failure = failures.values().lazy.compactMap({ $0 }).first { throw failure }
    }

    /// A hard link (same inode: same bytes, same modification date); a copy with the same
    /// modification date where the file system has no hard links.
    private static func linkOrCopy(_ source: String, _ destination: String) throws {
        if link(source, destination) == 0 { return }
        guard let data = FileManager.default.contents(atPath: source) else { throw WriteError("read", source) }
        try writeFile(String(decoding: data, as: UTF8.self), to: destination)
        if let date = try? FileManager.default.attributesOfItem(atPath: source)[.modificationDate] as? Date {
            try? FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: destination)
        }
    }

    /// `mkdir -p`, with the system's reason when it fails.
    static func makeFolders(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw WriteError("create", path, errno: ENOTDIR) }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeFolders(parent) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST { throw WriteError("create", path) }
    }

    /// Swaps two folders in one step; false when the system can't.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if canImport(Darwin)
        return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0
        #else
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let atCurrentDirectory: Int32 = -100  // AT_FDCWD
        let renameExchange: UInt32 = 2  // RENAME_EXCHANGE
        return renameat2(atCurrentDirectory, a, atCurrentDirectory, b, renameExchange) == 0
        #endif
    }

    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `.Thing.swift.schemagen-1234`: a temporary file of schemagen before 0.x wrote whole trees.
    static func isLegacyTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), let range = name.range(of: ".schemagen-", options: .backwards) else { return false }
        let suffix = name[range.upperBound...]
        return !suffix.isEmpty && suffix.allSatisfy(\.isASCII) && suffix.allSatisfy(\.isNumber)
    }

    /// Legacy temporary files anywhere in the output folder, as relative paths.
    static func legacyTemporaryFiles(in root: String) -> [String] {
        Listing(of: root).legacyTemporaries
    }

    /// What an output folder holds, from one walk over `readdir` (symbolic links are not
    /// followed): a regeneration into an up-to-date folder walked it twice with FileManager
    /// (~3% of such a run), once for the extra files and once for legacy temporaries.
    struct Listing {
        /// Regular, non-hidden files outside hidden folders and Migrations/, as sorted relative
        /// paths: what `diff` calls extra when they weren't generated.
        var files: [String] = []
        /// Entries named like a legacy temporary file, anywhere (hidden folders too).
        var legacyTemporaries: [String] = []

        init() {}

        init(of root: String) {
            walk(root, relative: "", isHidden: false)
            files.sort()
        }

        private mutating func walk(_ folder: String, relative: String, isHidden: Bool) {
            guard let directory = opendir(folder) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                if OutputWriter.isLegacyTemporary(name) { legacyTemporaries.append(path) }
                let hidden = isHidden || name.hasPrefix(".")
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    // Some file systems don't say: ask lstat.
                    var info = stat()
                    guard lstat(folder + "/" + name, &info) == 0 else { continue }
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR: type = Int32(DT_DIR)
                    case S_IFREG: type = Int32(DT_REG)
                    default: continue
                    }
                }
                if type == Int32(DT_DIR) {
                    walk(folder + "/" + name, relative: path, isHidden: hidden)
                } else if type == Int32(DT_REG), !hidden, !path.hasPrefix(MigrationHistory.folder + "/") {
                    files.append(path)
                }
            }
        }
    }

    /// Writes `text` into a new file. Without fsync, unlike `Data.write(to:)` here: the output
    /// can always be generated again, and one fsync per file was most of a run's wall time.
    private static func writeFile(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw WriteError("write", path) }
        defer { close(descriptor) }
        var text = text
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteError("write", path)
                }
                offset += written
            }
        }
    }

    /// Regular, non-hidden files below `root`, as sorted relative paths; Migrations/ is history
    /// that only `schemagen migrate` writes, so it is left out.
    static func existingFiles(in root: URL) throws -> [String] {
        Listing(of: root.path).files
    }
}

/// The output folder and the names of its temporary siblings.
struct OutputFolder {
    /// Absolute, with symbolic links resolved: the swap replaces the real folder.
    let path: String
    let parent: String
    let name: String

    init(_ directory: String) {
        let url = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath()
        path = url.path
        parent = url.deletingLastPathComponent().path
        name = url.lastPathComponent
    }

    var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `.Generated.schemagen-new-1234` beside the folder.
    func sibling(_ kind: String) -> String {
        parent + "/" + siblingPrefix + kind + "-" + String(ProcessInfo.processInfo.processIdentifier)
    }

    var siblingPrefix: String { "." + name + ".schemagen-" }

    /// The siblings earlier runs left: `(path, kind)` with kind `new` or `old`.
    func leftovers() -> [(path: String, kind: String)] {
        // Read with readdir, and only the siblings' names made into strings: the parent may be a
        // large folder (a home, /tmp), where FileManager's listing was most of the writer's time.
        guard let folder = opendir(parent) else { return [] }
        defer { closedir(folder) }
        let prefix = Array(siblingPrefix.utf8)
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes -> String? in
                // `d_name` ends with a NUL, which the prefix (no NUL in it) never matches.
                guard bytes.count > prefix.count, bytes.prefix(prefix.count).elementsEqual(prefix) else { return nil }
                return String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if let name { names.append(name) }
        }
        return names.sorted().compactMap { entry in
            let rest = entry.dropFirst(siblingPrefix.count)
            for kind in ["new", "old"] where rest.hasPrefix(kind + "-") {
                let pid = rest.dropFirst(kind.count + 1)
                guard !pid.isEmpty, pid.allSatisfy(\.isNumber) else { return nil }
                return (parent + "/" + entry, kind)
            }
            return nil
        }
    }

    /// A run killed between moving the old folder aside and the new one in leaves no folder and
    /// an old one aside: put it back (the run didn't happen). Returns the path it put back.
    func recoverInterruptedSwap(_ leftovers: [(path: String, kind: String)]) -> String? {
        guard !exists, let aside = leftovers.last(where: { $0.kind == "old" }), rename(aside.path, path) == 0 else { return nil }
        return aside.path
    }
}

/// An exclusive `flock` on a folder, held until `release()`: runs writing into it take turns.
struct FolderLock {
    let descriptor: Int32

    init(_ folder: String) throws {
        descriptor = open(folder, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteError("open", folder) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(descriptor)
            throw WriteError("lock", folder, errno: code)
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
