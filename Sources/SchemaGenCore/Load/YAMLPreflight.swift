import CYaml

/// A pass over libyaml's event stream before anything is built from a file, measuring what
/// composing it would build: nesting depth, the number of aliases and how deep they nest, and the
/// number of nodes once every alias is expanded (computed per anchor, never by expanding). A file
/// over a limit gets one located error and is not composed, so an alias bomb ("billion laughs")
/// or a file nested thousands deep costs no more than reading it. Syntax errors are left to the
/// composer, which reports them with its own words.
enum YAMLPreflight {
    static func check(_ text: String, path: String) -> Diagnostic? {
        var copy = text
        return copy.withUTF8 { bytes in check(bytes, path: path) }
    }

    private struct Frame {
        var anchor: String?
        var size = 1
        var aliasNesting = 0
    }

    private static func check(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> Diagnostic? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

        // Expanded size and alias nesting of each anchor seen so far (a later anchor of the same
        // name replaces an earlier one, as in the composer).
        var anchors: [String: (size: Int, nesting: Int)] = [:]
        var stack: [Frame] = []
        var expanded = 0
        var aliases = 0
        var event = yaml_event_t()
        func location(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(file: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }
        func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }
        /// Adds a finished node to its parent.
        func finish(size: Int, nesting: Int, anchor: String?) {
            if let anchor { anchors[anchor] = (size, nesting) }
            if !stack.isEmpty {
                stack[stack.count - 1].size += size
                stack[stack.count - 1].aliasNesting = max(stack[stack.count - 1].aliasNesting, nesting)
            }
        }
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                // libyaml's own nesting limit, met while its scanner looks ahead in a flow
                // collection (`[[[[…`) before the events reach the limit here.
                if let problem = parser.problem.map({ String(cString: $0) }), problem.contains("nesting level") {
                    return Diagnostic(.error, "the YAML nests deeper than \(EngineLimits.maxYAMLDepth) levels here",
                                      at: location(parser.problem_mark),
                                      notes: [Diagnostic.Note("schemas nest a few levels; flatten the structure")])
                }
                return nil  // a syntax error: the composer reports it in its words
            }
            defer { yaml_event_delete(&event) }
            let mark = event.start_mark
            switch event.type {
            case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
                // One document is all a schema file may hold; the composer reports a second one.
                return nil
            case YAML_SCALAR_EVENT:
                expanded += 1
                finish(size: 1, nesting: 0, anchor: string(event.data.scalar.anchor))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                expanded += 1
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? string(event.data.sequence_start.anchor) : string(event.data.mapping_start.anchor)
                stack.append(Frame(anchor: anchor))
                if stack.count > EngineLimits.maxYAMLDepth {
                    return Diagnostic(.error, "the YAML nests deeper than \(EngineLimits.maxYAMLDepth) levels here", at: location(mark),
                                      notes: [Diagnostic.Note("schemas nest a few levels; flatten the structure")])
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return nil }
                finish(size: frame.size, nesting: frame.aliasNesting, anchor: frame.anchor)
            case YAML_ALIAS_EVENT:
                aliases += 1
                let name = string(event.data.alias.anchor) ?? ""
                if aliases > EngineLimits.maxAliases {
                    return Diagnostic(.error, "the file uses more than \(EngineLimits.maxAliases) aliases", at: location(mark),
                                      notes: [Diagnostic.Note("write the values out, or share them through a shared enum")])
                }
                guard let target = anchors[name] else { return nil }  // undefined: the composer reports it
                if target.nesting + 1 > EngineLimits.maxAliasNesting {
                    return Diagnostic(.error, "alias \(DiagnosticText.quoted("*" + name)) nests aliases more than \(EngineLimits.maxAliasNesting) deep",
                                      at: location(mark), notes: [Diagnostic.Note("an anchored value may use aliases, but not aliases of aliases this deep")])
                }
                expanded += target.size
                finish(size: target.size, nesting: target.nesting + 1, anchor: nil)
            default:
                break
            }
            if expanded > EngineLimits.maxYAMLNodes {
                if aliases == 0 {
                    return Diagnostic(.error, "the file has more than \(EngineLimits.maxYAMLNodes) YAML values", at: location(mark),
                                      notes: [Diagnostic.Note("split the schema, one collection per file")])
                }
                return Diagnostic(.error, "the file expands to more than \(EngineLimits.maxYAMLNodes) YAML values once its aliases are expanded",
                                  at: location(mark), notes: [Diagnostic.Note("each alias (`*name`) repeats the whole value of its anchor (`&name`)")])
            }
        }
    }
}
