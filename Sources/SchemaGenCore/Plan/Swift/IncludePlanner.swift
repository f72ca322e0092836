/// The model's `Relations` (templates/swift/repository.swift): what `include` and `including:`
/// load with a collection's records. One relation per reference (`ref` outside arrays), per
/// `refs` field outside optional objects, and per indexed reference another collection has to
/// this one (the reverse side, ordered by the rest of that index). The runtime does the loading
/// (SchemaRuntime's `Relation`); the generated code only names each relation and says how.
struct RepositoryRelationView: Sendable {
    var doc: String
    var name: String
    /// `Relation<Scene, Episode, Episode?>`
    var type: String
    /// `.reference("episode") { $0.episode }`: a computed property's value, built when asked
    /// (a stored one would give `Relations` copy and destroy code for every member).
    var value: String
}

extension RepositoryBuilder {
    func relations() -> [RepositoryRelationView] {
        let model = collection.modelName
        var views: [RepositoryRelationView] = []
        var names: Set<String> = []
        for column in columns {
            guard case .reference(let reference) = column.field.type else { continue }
            let name = relationName(column.field.path)
            names.insert(name)
            let value = accessor(column.field).replacingOccurrences(of: "record", with: "$0", options: .anchored)
            views.append(RepositoryRelationView(
                doc: "`\(column.field.dottedPath)`: the \(Naming.singular(reference.target)) it points at; nil when the caller may not read it.",
                name: name,
                type: "Relation<\(model), \(reference.targetModel), \(reference.targetModel)?>",
                value: ".reference(\(SwiftLiteral.string(name))) { \(value) }"))
        }
        for link in linkFields() {
            guard case .references(let reference) = link.type else { continue }
            let name = relationName(link.path)
            names.insert(name)
            let value = accessor(link).replacingOccurrences(of: "record", with: "$0", options: .anchored)
            views.append(RepositoryRelationView(
                doc: "`\(link.dottedPath)`: the \(reference.target) it lists that the caller may read, in its order.",
                name: name,
                type: "Relation<\(model), \(reference.targetModel), [\(reference.targetModel)]>",
                value: ".references(\(SwiftLiteral.string(name))) { \(value) }"))
        }
        let referring = referringIndexes ?? ReferringIndex.byTarget(schema, only: collection.name)[collection.name] ?? []
        var sourcesPerCollection: [String: Int] = [:]
        for entry in referring { sourcesPerCollection[entry.other.name, default: 0] += 1 }
        for entry in referring {
            let (other, field, index) = (entry.other, entry.field, entry.index)
            var name = Naming.memberName(other.name)
            if sourcesPerCollection[other.name, default: 0] > 1 || names.contains(name) {
                name += "By" + Naming.typeName(field.path.joined(separator: "_"))
            }
            names.insert(name)
            let table = Naming.sqlQuoted(other.tableName)
            let columns = SQLColumn.columns(of: other.fields)
            let rest = Array(index.keys.dropFirst())
            // Keyset order needs values: the rest of the index orders the list when none is NULL.
            let ordered = rest.allSatisfy { key in columns.contains { $0.field.dottedPath == key.field.dottedPath && !$0.isNullable } }
            let order = ordered ? rest : []
            let keys = order.map { key in
                "SortKey(#\"\(Escaping.swiftRawStringContent("\(table).\(Naming.sqlQuoted(key.field.columnName!))"))\"#\(key.descending ? ", descending: true" : ""))"
            }
            let orderDoc = order.isEmpty ? "" : ", ordered by " + order.map { $0.field.dottedPath + ($0.descending ? " (descending)" : "") }.joined(separator: ", ")
            views.append(RepositoryRelationView(
                doc: "The \(other.name) whose `\(field.dottedPath)` is this record, that the caller may read\(orderDoc) (index \(index.name)).",
                name: name,
                type: "Relation<\(model), \(other.modelName), [\(other.modelName)]>",
                value: ".referring(\(SwiftLiteral.string(name)), "
                    + "through: #\"\(Escaping.swiftRawStringContent("\(table).\(Naming.sqlQuoted(field.columnName!))"))\"#"
                    + (keys.isEmpty ? "" : ", orderedBy: [\(keys.joined(separator: ", "))]") + ")"))
            let count = name + "Count"
            names.insert(count)
            views.append(RepositoryRelationView(
                doc: "How many of `\(name)` there are (one grouped count for a whole list).",
                name: count,
                type: "Relation<\(model), \(other.modelName), Int>",
                value: ".counting(\(SwiftLiteral.string(count)), "
                    + "through: #\"\(Escaping.swiftRawStringContent("\(table).\(Naming.sqlQuoted(field.columnName!))"))\"#)"))
        }
        return views.map { view in
            var view = view
            view.doc = Escaping.oneLine(view.doc)
            view.name = Naming.escaped(view.name)
            return view
        }
    }

    /// `episode`, `productionVideoSegment`: a relation's member name.
    private func relationName(_ path: [String]) -> String {
        Naming.memberName(path.joined(separator: "_"))
    }

    /// The `refs` fields with a join table, outside optional objects.
    private func linkFields() -> [Field] {
        var fields: [Field] = []
        func visit(_ level: [Field]) {
            for field in level {
                switch field.type {
                case .object(let object) where field.isRequired: visit(object.fields)
                case .references(let reference) where reference.joinTable != nil: fields.append(field)
                default: break
                }
            }
        }
        visit(collection.fields)
        return fields
    }
}

/// A reference of another collection to one (a column of its own) that leads an index covering
/// every row, with the first such index: the reverse side of a relation.
struct ReferringIndex {
    var other: Collection
    var field: Field
    var index: Index

    /// Every collection's referring indexes, keyed by the collection referred to, in schema
    /// order. Gathered in one pass: asking every collection about every other, per collection,
    /// made generation quadratic (70% of a 1000-collection run). `only`: that target alone.
    static func byTarget(_ schema: Schema, only target: String? = nil) -> [String: [ReferringIndex]] {
        var found: [String: [ReferringIndex]] = [:]
        for other in schema.collections {
            var seen: Set<String> = []
            for index in other.indexes where index.kind == .standard && index.conditions.isEmpty && index.joinField == nil {
                guard let field = index.keys.first?.field, field.columnName != nil, !seen.contains(field.dottedPath),
                      case .reference(let reference) = field.type, target == nil || reference.target == target
                else { continue }
                seen.insert(field.dottedPath)
                found[reference.target, default: []].append(ReferringIndex(other: other, field: field, index: index))
            }
        }
        return found
    }
}
