#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the schema files of a folder without trusting them: each entry's type is checked with
/// `lstat`/`stat` before it is opened (a FIFO is never opened, since reading one blocks), its size
/// is bounded, and its bytes must be UTF-8. Every file that can't be read gets a located error
/// naming it, and the other files are still read, so one run reports every bad file.
enum SchemaFileReader {
    /// What reading a folder gave: the files that could be read, and an error for each that
    /// couldn't (or for the folder itself).
    struct Result {
        var sources: [SchemaSource] = []
        var diagnostics: [Diagnostic] = []
    }

    static func readDirectory(_ directory: String) -> Result {
        var result = Result()
        let names: [String]
        switch listDirectory(directory) {
        case .success(let entries): names = entries
        case .failure(let message):
            result.diagnostics.append(Diagnostic(.error, message, at: SourceLocation(file: directory, line: 1, column: 1)))
            return result
        }
        for name in names.filter({ $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }).sorted() {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            switch readFile(path) {
            case .success(let source): result.sources.append(source)
            case .failure(let diagnostic): result.diagnostics.append(diagnostic)
            }
        }
        return result
    }

    enum FileResult {
        case success(SchemaSource)
        case failure(Diagnostic)
    }

    /// One file: its type, size and encoding checked before its text is returned.
    static func readFile(_ path: String, maxBytes: Int = EngineLimits.maxFileBytes) -> FileResult {
        let start = SourceLocation(file: path, line: 1, column: 1)
        func fail(_ message: String, _ hint: String? = nil) -> FileResult {
            .failure(Diagnostic(.error, message, at: start, notes: hint.map { [Diagnostic.Note($0)] } ?? []))
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { return fail("the file can't be read: \(errorText(errno))") }
        if info.st_mode & S_IFMT == S_IFLNK {
            let target = linkTarget(path)
            guard stat(path, &info) == 0 else {
                let code = errno
                if code == ENOENT {
                    return fail("the file is a symbolic link to \(DiagnosticText.quoted(target)), which does not exist",
                                "remove the link or restore its target")
                }
                return fail("the file is a symbolic link to \(DiagnosticText.quoted(target)), which can't be read: \(errorText(code))")
            }
        }
        if let problem = notRegularFile(info.st_mode) {
            return fail("the schema file \(problem); only regular files are read",
                        "rename it or move it out of the schemas folder")
        }
        if Int(info.st_size) > maxBytes {
            return fail("the file is \(Int(info.st_size)) bytes; the limit is \(maxBytes)",
                        "split the schema, one collection per file")
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return fail("the file can't be read: \(errorText(errno))") }
        defer { close(descriptor) }
        // The entry could have been swapped between `stat` and `open`: check what was opened.
        guard fstat(descriptor, &info) == 0 else { return fail("the file can't be read: \(errorText(errno))") }
        if let problem = notRegularFile(info.st_mode) { return fail("the schema file \(problem); only regular files are read") }

        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return fail("the file can't be read: \(errorText(errno))")
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > maxBytes {
                return fail("the file has more than \(maxBytes) bytes; the limit is \(maxBytes)",
                            "split the schema, one collection per file")
            }
        }
        switch decode(bytes, path: path) {
        case .success(let text): return .success(SchemaSource(path: path, contents: text))
        case .failure(let diagnostic): return .failure(diagnostic)
        }
    }

    enum DecodeResult {
        case success(String)
        case failure(Diagnostic)
    }

    /// The text of a schema file's bytes. A UTF-8 byte-order mark is accepted and dropped (YAML
    /// allows it, and some Windows editors write it); UTF-16 and UTF-32 are refused, and so are
    /// bytes that are not UTF-8, with the place of the first bad byte.
    static func decode(_ bytes: [UInt8], path: String) -> DecodeResult {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let start = SourceLocation(file: path, line: 1, column: 1)
        let utf16 = body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF])
        let utf32 = bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00])
        if utf32 || utf16 {
            return .failure(Diagnostic(.error, "the file is encoded as \(utf32 ? "UTF-32" : "UTF-16") (it starts with its byte-order mark); schema files must be UTF-8",
                                       at: start, notes: [Diagnostic.Note("save the file as UTF-8")]))
        }
        if let text = String(validating: body, as: UTF8.self) { return .success(text) }
        // Find the first byte that doesn't start or continue a valid UTF-8 sequence.
        var iterator = body.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = bytes.count - body.count
        var line = 1, column = 1
        var previousWasCR = false
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                offset += encoded.count
                if scalar == "\n" {
                    if !previousWasCR { line += 1 }
                    column = 1
                } else if scalar == "\r" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                previousWasCR = scalar == "\r"
            case .error:
                let bad = bytes[offset]
                return .failure(Diagnostic(.error, "the file is not valid UTF-8: byte 0x\(hex(bad)) at byte offset \(offset) does not start or continue a character",
                                           at: SourceLocation(file: path, line: line, column: column),
                                           notes: [Diagnostic.Note("schema files must be UTF-8; save the file as UTF-8")]))
            case .emptyInput:
                break loop
            }
        }
        return .success(String(decoding: body, as: UTF8.self))
    }

    // MARK: System

    private enum ListResult {
        case success([String])
        case failure(String)
    }

    private static func listDirectory(_ path: String) -> ListResult {
        guard let directory = opendir(path) else { return .failure("the schemas folder can't be read: \(errorText(errno))") }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names)
    }

    /// Why a file mode is not a regular file, or nil when it is one.
    private static func notRegularFile(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a directory"
        case S_IFIFO: return "is a named pipe (FIFO), which was not opened"
        case S_IFSOCK: return "is a socket"
        case S_IFCHR: return "is a character device"
        case S_IFBLK: return "is a block device"
        default: return "is not a regular file"
        }
    }

    private static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func errorText(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "it does not exist"
        case ELOOP: return "too many levels of symbolic links"
        case EISDIR: return "it is a directory"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
