// schemagen's own Mustache engine, for the subset its templates use: variables (`{{name}}`,
// `{{{name}}}`, `{{&name}}`, dotted names, `{{.}}`), sections (`{{#name}}`), inverted sections
// (`{{^name}}`), partials (`{{> name}}`) and comments (`{{! … }}`). Nothing is HTML-escaped:
// generated code is text. Anything else (set delimiters, transforms, lambdas, inheritance) is
// reported where it is written.
//
// It replaces swift-mustache, whose output it reproduces byte for byte (the same standalone-line
// and partial-indentation rules), because rendering was most of the generator's time: every
// lookup and value went through dynamic casts, and every section copied the context stack. Here
// a template is parsed once into nodes; rendering appends to one byte buffer and pushes and pops
// one stack, and a value is asked whether it answers lookups once, when it is pushed.

/// A value that answers a template's `{{name}}` itself: the view models (Render/TemplateFields*.swift)
/// and dictionaries. A value that doesn't is looked up by reflection (slow, but right).
protocol MustacheParent {
    func child(named: String) -> Any?
}

extension Dictionary: MustacheParent where Key == String {
    func child(named name: String) -> Any? { self[name] }
}

/// A list a section repeats its content for.
private protocol MustacheSequence {
    /// Each element as a frame of the context stack, without an array of `Any` in between.
    func forEachFrame(_ body: (MustacheRenderer.Frame) -> Void)
    var isEmptySequence: Bool { get }
}

extension Array: MustacheSequence {
    fileprivate func forEachFrame(_ body: (MustacheRenderer.Frame) -> Void) {
        for element in self { body(MustacheRenderer.Frame(element)) }
    }
    fileprivate var isEmptySequence: Bool { isEmpty }
}

/// `Optional` seen through `Any`, to print what it wraps.
private protocol AnyOptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: AnyOptionalValue {
    fileprivate var wrappedValue: Any? { self.map { $0 } }
}

/// A template parsed once: text, tags and the sections they open.
struct MustacheTemplate: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Name)
        case section(Name, [Node])
        case invertedSection(Name, [Node])
        /// A partial by its index in the template set; `indentation` when its tag stands alone on
        /// its line (every line it renders is indented by it).
        case partial(Int, indentation: [UInt8]?)
    }

    /// A tag's name: `.` (the current value), `a.b.c` (looked up the context stack, then inside),
    /// `.a` (only in the current value).
    struct Name: Sendable {
        var components: [String]
        var anchored: Bool
    }

    var nodes: [Node]

    /// A mistake in a template, at a 1-based line and column.
    struct SyntaxError: Error {
        var message: String
        var line: Int
        var column: Int
    }
}

// MARK: - Parsing

extension MustacheTemplate {
    /// Parses `text`; partial names are resolved through `partialIndex` (nil: no such template).
    static func parse(_ text: String, partialIndex: @escaping (String) -> Int?) throws(SyntaxError) -> MustacheTemplate {
        var parser = MustacheParser(bytes: Array(text.utf8), partialIndex: partialIndex)
        return MustacheTemplate(nodes: try parser.parseAll())
    }
}

/// The parser follows swift-mustache's, so that the same template gives the same text: a line
/// holding only a section tag, a closing tag, a comment or a partial ("standalone") leaves no
/// trace; the whitespace before a standalone partial indents each line it renders.
private struct MustacheParser {
    let bytes: [UInt8]
    let partialIndex: (String) -> Int?
    var position = 0

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    private static let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")

    init(bytes: [UInt8], partialIndex: @escaping (String) -> Int?) {
        self.bytes = bytes
        self.partialIndex = partialIndex
    }

    var atEnd: Bool { position >= bytes.count }

    /// The length of the line break at `index` ("\n" or "\r\n"), 0 if none.
    func newlineLength(at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        if bytes[index] == Self.newline { return 1 }
        if bytes[index] == Self.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Self.newline { return 2 }
        return 0
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn || byte == 0x0B || byte == 0x0C
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"),
             UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        default:
            return false
        }
    }

    func error(_ message: String, at index: Int? = nil) -> MustacheTemplate.SyntaxError {
        let end = min(index ?? position, bytes.count)
        var line = 1, column = 1
        for byte in bytes[..<end] {
            if byte == Self.newline {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // one column per Unicode scalar
                column += 1
            }
        }
        return MustacheTemplate.SyntaxError(message: message, line: line, column: column)
    }

    mutating func readSpacesAndTabs() -> ArraySlice<UInt8> {
        let start = position
        while !atEnd, bytes[position] == Self.space || bytes[position] == Self.tab { position += 1 }
        return bytes[start..<position]
    }

    mutating func skipWhitespace() {
        while !atEnd, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    /// Text up to a line break (not read) or a `{{` (read), or the end.
    mutating func readText() -> ArraySlice<UInt8> {
        let start = position
        while !atEnd {
            if newlineLength(at: position) > 0 { return bytes[start..<position] }
            if bytes[position] == Self.open, position + 1 < bytes.count, bytes[position + 1] == Self.open {
                defer { position += 2 }
                return bytes[start..<position]
            }
            position += 1
        }
        return bytes[start..<position]
    }

    /// After a tag: whether the rest of its line is blank; if so the line break is read too.
    mutating func lineFinished() -> Bool {
        if atEnd { return true }
        var index = position
        while index < bytes.count, bytes[index] == Self.space || bytes[index] == Self.tab { index += 1 }
        let length = newlineLength(at: index)
        guard length > 0 else { return false }
        position = index + length
        return true
    }

    /// A tag's name and its closing `}}`.
    mutating func readName(tag: Int) throws(MustacheTemplate.SyntaxError) -> String {
        skipWhitespace()
        let start = position
        while !atEnd, Self.isNameByte(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        skipWhitespace()
        guard readClosingBraces() else { throw error("unfinished tag: expected `}}` after `\(name)`") }
        if name.contains("(") || name.contains(")") {
            throw error("`\(name)`: transforms are not supported by schemagen's templates", at: tag)
        }
        return name
    }

    mutating func readClosingBraces() -> Bool {
        guard position + 1 < bytes.count, bytes[position] == Self.close, bytes[position + 1] == Self.close else { return false }
        position += 2
        return true
    }

    static func name(_ text: String) -> MustacheTemplate.Name {
        if text == "." { return MustacheTemplate.Name(components: [], anchored: true) }
        return MustacheTemplate.Name(components: text.split(separator: ".").map(String.init), anchored: text.first == ".")
    }

    mutating func parseAll() throws(MustacheTemplate.SyntaxError) -> [MustacheTemplate.Node] {
        try parse(section: nil, newLine: true)
    }

    /// The nodes up to the closing tag of `section` (the end of the text if nil).
    mutating func parse(section: (name: String, at: Int)?, newLine startsLine: Bool) throws(MustacheTemplate.SyntaxError) -> [MustacheTemplate.Node] {
        var nodes: [MustacheTemplate.Node] = []
        var newLine = startsLine
        var whitespaceBefore: ArraySlice<UInt8> = []
        func flushWhitespace() {
            if !whitespaceBefore.isEmpty {
                nodes.append(.text(Array(whitespaceBefore)))
                whitespaceBefore = []
            }
        }
        while !atEnd {
            if newLine { whitespaceBefore = readSpacesAndTabs() }
            let text = readText()
            let lineBreak = newlineLength(at: position)
            if lineBreak > 0 {
                nodes.append(.text(Array(whitespaceBefore) + Array(text) + Array(bytes[position..<position + lineBreak])))
                newLine = true
                position += lineBreak
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array(whitespaceBefore) + Array(text)))
                whitespaceBefore = []
                newLine = false
            }
            if atEnd { break }
            // A tag: `position` is just after its `{{`.
            let tag = position - 2
            var setNewLine = false
            switch bytes[position] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[position] == UInt8(ascii: "^")
                position += 1
                let name = try readName(tag: tag)
                if newLine && lineFinished() { setNewLine = true } else { flushWhitespace() }
                let content = try parse(section: (name, tag), newLine: setNewLine)
                nodes.append(inverted ? .invertedSection(Self.name(name), content) : .section(Self.name(name), content))

            case UInt8(ascii: "/"):
                position += 1
                let name = try readName(tag: tag)
                guard let section else { throw error("`{{/\(name)}}` closes no section", at: tag) }
                guard name == section.name else {
                    throw error("`{{/\(name)}}` does not close section `\(section.name)`, opened at \(describe(section.at))", at: tag)
                }
                if !(newLine && lineFinished()) { flushWhitespace() }
                return nodes

            case UInt8(ascii: "!"):
                position += 1
                while !atEnd, !(bytes[position] == Self.close && position + 1 < bytes.count && bytes[position + 1] == Self.close) {
                    position += 1
                }
                guard readClosingBraces() else { throw error("unfinished comment: expected `}}`", at: tag) }
                setNewLine = newLine && lineFinished()

            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let braced = bytes[position] == UInt8(ascii: "{")
                flushWhitespace()
                position += 1
                let name = try readName(tag: tag)
                if braced {
                    guard !atEnd, bytes[position] == Self.close else { throw error("unfinished tag: expected `}}}` after `\(name)`") }
                    position += 1
                }
                nodes.append(.variable(Self.name(name)))

            case UInt8(ascii: ">"):
                position += 1
                skipWhitespace()
                let start = position
                while !atEnd, Self.isNameByte(bytes[position]) || bytes[position] == UInt8(ascii: "/") { position += 1 }
                let name = String(decoding: bytes[start..<position], as: UTF8.self)
                skipWhitespace()
                guard readClosingBraces() else { throw error("unfinished partial: expected `}}` after `\(name)`") }
                guard !name.hasPrefix("*") else { throw error("`{{> \(name)}}`: dynamic partials are not supported", at: tag) }
                guard let index = partialIndex(name) else {
                    throw error("no template named `\(name)` for the partial `{{> \(name)}}`", at: tag)
                }
                if !whitespaceBefore.isEmpty { nodes.append(.text(Array(whitespaceBefore))) }
                if newLine && lineFinished() {
                    setNewLine = true
                    nodes.append(.partial(index, indentation: Array(whitespaceBefore)))
                } else {
                    nodes.append(.partial(index, indentation: nil))
                }
                whitespaceBefore = []

            case UInt8(ascii: "%"):
                // Only the content type swift-mustache was told to use: text, never HTML.
                position += 1
                let start = position
                while !atEnd, !(bytes[position] == Self.close && position + 1 < bytes.count && bytes[position + 1] == Self.close) {
                    position += 1
                }
                let pragma = String(decoding: bytes[start..<position], as: UTF8.self).filter { !$0.isWhitespace }
                guard readClosingBraces() else { throw error("unfinished pragma: expected `}}`", at: tag) }
                guard pragma == "CONTENT_TYPE:TEXT" else {
                    throw error("pragma `\(pragma)` is not supported (generated text is never escaped; only CONTENT_TYPE: TEXT is accepted)", at: tag)
                }
                setNewLine = newLine && lineFinished()

            case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: "$"):
                let kind = bytes[position] == UInt8(ascii: "=") ? "changing the delimiters" : "template inheritance"
                throw error("\(kind) (`{{\(Character(Unicode.Scalar(bytes[position])))`) is not supported by schemagen's templates", at: tag)

            default:
                flushWhitespace()
                let name = try readName(tag: tag)
                nodes.append(.variable(Self.name(name)))
            }
            newLine = setNewLine
        }
        if let section {
            throw error("section `\(section.name)` is not closed: expected `{{/\(section.name)}}` before the end", at: section.at)
        }
        return nodes
    }

    func describe(_ index: Int) -> String {
        let place = error("", at: index)
        return "\(place.line):\(place.column)"
    }
}

// MARK: - Rendering

extension MustacheTemplate {
    /// Renders with `root` on top of `globals` (a name the root has, and isn't nil, wins), with
    /// the partials of `templates`.
    func render(_ root: Any, globals: [String: String], templates: [MustacheTemplate]) -> String {
        String(decoding: renderBytes(root, globals: globals, templates: templates), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes, for a caller that goes on working on bytes (`Renderer.tidy`).
    func renderBytes(_ root: Any, globals: [String: String], templates: [MustacheTemplate]) -> [UInt8] {
        var renderer = MustacheRenderer(templates: templates)
        renderer.push(MustacheRenderer.Frame(globals))
        renderer.push(MustacheRenderer.Frame(root))
        renderer.render(nodes, indentation: [])
        return renderer.output
    }
}

private struct MustacheRenderer {
    /// A value of the context stack, asked once, when pushed, whether it answers lookups. One
    /// existential either way: a view model copied into a second box for its lookups was a
    /// large share of the engine's time.
    enum Frame {
        case parent(any MustacheParent)
        case other(Any)

        init<Value>(_ value: Value) {
            if let parent = value as? any MustacheParent {
                self = .parent(parent)
            } else {
                self = .other(value)
            }
        }

        var value: Any {
            switch self {
            case .parent(let parent): return parent
            case .other(let value): return value
            }
        }
    }

    let templates: [MustacheTemplate]
    var output: [UInt8] = []
    var stack: [Frame] = []

    init(templates: [MustacheTemplate]) {
        self.templates = templates
        output.reserveCapacity(1 << 14)
        stack.reserveCapacity(16)
    }

    mutating func push(_ frame: Frame) {
        stack.append(frame)
    }

    /// Renders `nodes` as one swift-mustache render call did: with an indentation (inside an
    /// indented partial), a node's output that starts a line of this call's output is indented.
    mutating func render(_ nodes: [MustacheTemplate.Node], indentation: [UInt8]) {
        guard !indentation.isEmpty else {
            for node in nodes { render(node, indentation: indentation) }
            return
        }
        let start = output.count
        for node in nodes {
            let before = output.count
            render(node, indentation: indentation)
            if output.count > before, before > start, output[before - 1] == UInt8(ascii: "\n"),
               before - 1 == start || output[before - 2] != UInt8(ascii: "\r") {
                output.insert(contentsOf: indentation, at: before)
            }
        }
    }

    mutating func render(_ node: MustacheTemplate.Node, indentation: [UInt8]) {
        switch node {
        case .text(let text):
            output.append(contentsOf: text)
        case .variable(let name):
            guard let value = lookup(name) else { return }
            if let text = value as? String {
                output.append(contentsOf: text.utf8)
            } else {
                let unwrapped = (value as? any AnyOptionalValue).map { $0.wrappedValue ?? value } ?? value
                output.append(contentsOf: String(describing: unwrapped).utf8)
            }
        case .section(let name, let content):
            guard let value = lookup(name) else { return }
            if let flag = value as? Bool {
                if flag { render(content, indentation: indentation) }
            } else if let list = value as? any MustacheSequence {
                list.forEachFrame { frame in
                    push(frame)
                    render(content, indentation: indentation)
                    stack.removeLast()
                }
            } else {
                push(Frame(value))
                render(content, indentation: indentation)
                stack.removeLast()
            }
        case .invertedSection(let name, let content):
            guard let value = lookup(name) else { return render(content, indentation: indentation) }
            if let flag = value as? Bool {
                if !flag { render(content, indentation: indentation) }
            } else if let list = value as? any MustacheSequence, list.isEmptySequence {
                push(Frame(value))
                render(content, indentation: indentation)
                stack.removeLast()
            }
        case .partial(let index, let added):
            render(templates[index].nodes, indentation: added.map { indentation + $0 } ?? indentation)
        }
    }

    /// What a name finds: the first value of the stack, from the top, that has its first
    /// component, then each further component inside it.
    func lookup(_ name: MustacheTemplate.Name) -> Any? {
        guard let first = name.components.first else { return stack.last?.value }
        var found: Any?
        if name.anchored {
            guard let top = stack.last else { return nil }
            found = Self.child(first, of: top)
        } else {
            // By index, not `stack.reversed()`: its iterator copied every frame it passed.
            for index in stack.indices.reversed() {
                if let value = Self.child(first, of: stack[index]) {
                    found = value
                    break
                }
            }
        }
        guard var value = found else { return nil }
        for component in name.components.dropFirst() {
            guard let next = Self.child(component, of: Frame(value)) else { return nil }
            value = next
        }
        return value
    }

    static func child(_ name: String, of frame: Frame) -> Any? {
        let value: Any
        switch frame {
        case .parent(let parent): return parent.child(named: name)
        case .other(let other): value = other
        }
        switch value {
        case is String, is Bool, is Int, is Double: return nil
        default: break
        }
        // A value without its own lookup: its stored property of that name, by reflection.
        guard let match = Mirror(reflecting: value).children.first(where: { $0.label == name })?.value else { return nil }
        let mirror = Mirror(reflecting: match)
        guard mirror.displayStyle == .optional else { return match }
        return mirror.children.first?.value
    }
}
