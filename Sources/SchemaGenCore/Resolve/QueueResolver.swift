extension Resolver {
    /// `queue:`: the status must be a required enum with a column and `ready` one of its values;
    /// the order and the `by` fields must be columns a claim can compare.
    mutating func resolveQueue(_ syntax: QueueSyntax, in collection: Collection) -> Queue? {
        guard let statusPath = syntax.status, let ready = syntax.ready,
              let status = lookUpField(statusPath, in: collection, what: "'status' of 'queue'") else { return nil }
        guard case .enumeration(let enumType) = status.type, status.columnName != nil, status.isRequired else {
            diagnostics.error("the 'status' of a queue must be a required enum field, and '\(status.dottedPath)' is not",
                              at: statusPath.location)
            return nil
        }
        guard enumType.cases.contains(where: { $0.value == ready.value }) else {
            let values = enumType.cases.map(\.value)
            diagnostics.error("'\(ready.value)' is not a value of '\(status.dottedPath)'", at: ready.location,
                              notes: [Suggestions.didYouMean(ready.value, in: values)
                                      ?? Diagnostic.Note("its values: \(values.joined(separator: ", "))")])
            return nil
        }
        var order: [Index.Key] = []
        for key in syntax.order {
            guard let field = lookUpField(key.path, in: collection, what: "'order' of 'queue'") else { continue }
            if comparable(field, at: key.path.location, what: "'order' of 'queue'") {
                order.append(Index.Key(field: field, descending: key.descending))
            }
        }
        var by: [Field] = []
        for path in syntax.by {
            guard let field = lookUpField(path, in: collection, what: "'by' of 'queue'") else { continue }
            if comparable(field, at: path.location, what: "'by' of 'queue'") {
                by.append(field)
            }
        }
        return Queue(status: status, ready: ready.value, order: order, by: by, location: syntax.location)
    }

    /// Whether a claim can order by or match `field`: a column of a scalar, enum or reference.
    private mutating func comparable(_ field: Field, at location: SourceLocation, what: String) -> Bool {
        switch field.type {
        case .json, .array, .vector, .object, .references, .bytes:
            diagnostics.error("\(what) names '\(field.dottedPath)', which is not a column a claim can compare", at: location,
                              notes: [Diagnostic.Note("use a scalar, enum or reference field")])
            return false
        default:
            return field.columnName != nil
        }
    }
}
