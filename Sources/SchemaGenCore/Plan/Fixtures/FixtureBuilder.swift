import Foundation
import SchemaRuntime

/// Makes the sample data: every value passes its validator and its SQL constraints, references
/// point at rows that exist (of the same project, when the rows around them say which one),
/// unique keys never collide, every enum value and nested object appears, and the sample users
/// own, share and are kept out of records so that access can be shown.
///
/// Rules a reader of the fixtures can rely on: the last row of a collection is minimal (required
/// fields only, defaults where the schema has them); every other row fills every field, except
/// vectors (every third row). Ownership rotates owner → collaborator → outsider, and each owner's
/// records list the partner (owner ↔ collaborator) as a member.
struct FixtureBuilder {
    let schema: Schema
    let options: FixtureOptions

    private var ids: [String: [String]] = [:]
    private var created: [String: [Date]] = [:]
    private var rows: [String: [FixtureRow]] = [:]
    private var enumCounters: [String: Int] = [:]
    private var sampleUsers: [SampleUser] = []
    /// Rows a time-to-live index's conditions select, by collection: never the target of a
    /// reference. Keyed by collection because integer and text keys repeat across collections
    /// (row 3 of `albums` expiring says nothing of row 3 of `parts`).
    private var expiring: [String: Set<String>] = [:]
    /// The same, by collection (only those that have some), as the finished collections left them.
    private var expiringByCollection: [String: Set<String>] = [:]
    /// The collections by name, and the principal: asked for every reference of every row, so
    /// not searched for in the schema's list each time (1,000 collections made that quadratic).
    private let collectionsByName: [String: Collection]
    private let principal: Collection?
    /// Each collection's place in the dependency order.
    private var positions: [String: Int] = [:]
    /// The collection whose rows are being made, with its place in the order and its rows so
    /// far (nil once every collection has its rows): see `builtRows(of:)`.
    private var current: (name: String, position: Int, rows: [FixtureRow])?

    /// 2026-01-05T09:00:00Z: the first sample record's creation.
    private static let start = Date(timeIntervalSince1970: 1_767_603_600)

    init(schema: Schema, options: FixtureOptions) {
        self.schema = schema
        self.options = options
        collectionsByName = Dictionary(schema.collections.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        principal = schema.principal
    }

    static func build(_ schema: Schema, options: FixtureOptions) -> FixtureSet {
        var builder = FixtureBuilder(schema: schema, options: options)
        return builder.build()
    }

    private mutating func build() -> FixtureSet {
        let order = SQLFilePlanner(schema: schema, dialect: .sqlite).dependencyOrder()
        let depths = Self.referenceDepths(order)
        for collection in order {
            var random = SeededRandom(seed: options.seed, stream: "ids." + collection.name)
            // Collections that reference others are created later: users before projects before
            // episodes. By reference depth, not by place in the list, so that adding a collection
            // doesn't re-date the others.
            let day = depths[collection.name, default: 0]
            let dates = (0..<rowCount(collection)).map { row in
                Self.start.addingTimeInterval(TimeInterval(day * 2 * 86_400 + row * 5 * 3_600 + random.int(in: 0...3_599_999) / 1_000))
                    .addingTimeInterval(TimeInterval(random.int(in: 0...999)) / 1_000)
            }
            created[collection.name] = dates
            ids[collection.name] = dates.enumerated().map { row, date in
                switch collection.keyType {
                // Keys the caller gives are numbered from 1, as a sequence would.
                case .int64, .int32: return String(row + 1)
                case .string:
                    let text = "\(collection.tableName)-\(row + 1)"
                    return text.count <= collection.fields[0].constraints.maxLength ?? 255 ? text : String(row + 1, radix: 36)
                case .uuid:
                    return collection.idStrategy == .uuidv7
                        ? random.uuid(version7milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
                        : random.uuid()
                }
            }
        }
        if let principal { sampleUsers = makeSampleUsers(principal) }
        makeAllRows(order)
        // Rows made before their targets existed may point outside their scope: now that every
        // row exists, a `within` reference is moved to a row of the same scope.
        for collection in order { keepWithinScope(collection) }
        // In place, row by row: a second copy of every row doubled the fixtures' peak memory.
        for collection in order where rows[collection.name] != nil {
            for index in rows[collection.name]!.indices {
                rows[collection.name]![index].document = Self.integerKeys(rows[collection.name]![index].document, fields: collection.fields)
            }
        }
        return FixtureSet(seed: options.seed, order: order.map(\.name), rows: rows, sampleUsers: sampleUsers)
    }

    /// Every collection's rows, as if made one collection after another in dependency order,
    /// but side by side: in waves, each collection after the collections before it whose rows it
    /// reads, and seeing only the rows of collections before it in the order (as one after
    /// another it would have). So the result doesn't depend on how the waves are scheduled.
    private mutating func makeAllRows(_ order: [Collection]) {
        positions = Dictionary(order.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var waves: [[Collection]] = []
        var waveOf: [String: Int] = [:]
        // A collection's expiring rows are left out of the choices of the collections that read
        // its rows, which come in later waves anyway.
        for (position, collection) in order.enumerated() {
            let wave = rowSources(collection).compactMap { name -> Int? in
                guard let source = positions[name], source < position, let wave = waveOf[name] else { return nil }
                return wave + 1
            }.reduce(0, max)
            waveOf[collection.name] = wave
            if wave == waves.count { waves.append([]) }
            waves[wave].append(collection)
        }
        for wave in waves {
            let before = self  // every collection of the wave starts from the rows of the waves before
            let made = wave.concurrentMap { collection -> (rows: [FixtureRow], expiring: Set<String>) in
                var builder = before
                return builder.makeRows(collection)
            }
            for (collection, made) in zip(wave, made) {
                rows[collection.name] = made.rows
                if !made.expiring.isEmpty { expiringByCollection[collection.name] = made.expiring }
            }
        }
        expiring = expiringByCollection
    }

    /// The collections whose rows making `collection`'s rows reads: the targets of its
    /// references (nested and in arrays included), and the collections its fields named like
    /// ids (`projectId`) point to.
    private func rowSources(_ collection: Collection) -> Set<String> {
        var sources: Set<String> = []
        func visit(_ type: FieldType, name: String) {
            if let target = idLookingReference(name) { sources.insert(target) }
            switch type {
            case .reference(let reference), .references(let reference): sources.insert(reference.target)
            case .object(let object): for field in object.fields { visit(field.type, name: field.name) }
            case .array(let element): visit(element.type, name: name)
            default: break
            }
        }
        for field in collection.fields { visit(field.type, name: field.name) }
        return sources
    }

    /// One collection's rows, and those of them that can expire.
    private mutating func makeRows(_ collection: Collection) -> (rows: [FixtureRow], expiring: Set<String>) {
        let position = positions[collection.name] ?? 0
        current = (collection.name, position, [])
        defer { current = nil }
        // Left out of its choices: the expiring rows of collections before it in the order.
        expiring = expiringByCollection.filter { entry in positions[entry.key].map { $0 < position } ?? false }
        var expiringRows: Set<String> = []
        for index in 0..<rowCount(collection) {
            var row = makeRow(collection, index: index)
            makeUnique(&row, in: collection)
            if canExpire(row, in: collection) {
                // SQLite's expiry trigger may delete the row as the data loads: nothing may
                // depend on it, and it links to nothing.
                expiring[collection.name, default: []].insert(row.id)
                expiringRows.insert(row.id)
                row.document = row.document.withoutLinks(collection.fields)
            }
            current!.rows.append(row)
        }
        return (current!.rows, expiringRows)
    }

    /// The rows of `name` made so far, as making the collections one after another in
    /// dependency order would show them to the collection being made: its own rows so far,
    /// and the rows of collections before it in the order (none of those after it).
    private func builtRows(of name: String) -> [FixtureRow]? {
        guard let current else { return rows[name] }
        if name == current.name { return current.rows.isEmpty ? nil : current.rows }
        guard let position = positions[name], position < current.position else { return nil }
        return rows[name]
    }

    /// Keys are drawn as text; integer keys (`id: int64`), and references to them, are numbers
    /// in the fixtures.
    private static func integerKeys(_ document: FixtureValue, fields: [Field]) -> FixtureValue {
        guard case .object(var members) = document else { return document }
        for index in members.indices {
            guard let field = fields.first(where: { $0.name == members[index].key }) else { continue }
            members[index].value = integerKeys(members[index].value, type: field.type)
        }
        return .object(members)
    }

    private static func integerKeys(_ value: FixtureValue, type: FieldType) -> FixtureValue {
        switch (type, value) {
        case (.identifier(.int64), .string(let text)), (.identifier(.int32), .string(let text)):
            return Int(text).map(FixtureValue.int) ?? value
        case (.reference(let reference), .string(let text)) where reference.targetKey.isInteger:
            return Int(text).map(FixtureValue.int) ?? value
        case (.references(let reference), .array(let items)):
            return .array(items.map { integerKeys($0, type: .reference(reference)) })
        case (.object(let object), .object):
            return integerKeys(value, fields: object.fields)
        case (.array(let element), .array(let items)):
            return .array(items.map { integerKeys($0, type: element.type) })
        default: return value
        }
    }

    /// How many to-one references lead from a collection to one that references nothing: 0 for
    /// users, 1 for projects, 2 for episodes. `order` is the dependency order, so a target's depth
    /// is known before its referrers' (a target not yet placed, in a cycle, counts as 0).
    private static func referenceDepths(_ order: [Collection]) -> [String: Int] {
        var depths: [String: Int] = [:]
        for collection in order {
            let targets = SQLColumn.columns(of: collection.fields).compactMap { column -> String? in
                guard case .reference(let reference) = column.field.type, reference.target != collection.name else { return nil }
                return reference.target
            }
            depths[collection.name] = targets.map { depths[$0].map { $0 + 1 } ?? 0 }.max() ?? 0
        }
        return depths
    }

    private mutating func keepWithinScope(_ collection: Collection) {
        let scoped = SQLColumn.columns(of: collection.fields).compactMap { column -> (Field, Within, String)? in
            guard let within = column.field.within, case .reference(let reference) = column.field.type else { return nil }
            return (column.field, within, reference.target)
        }
        guard !scoped.isEmpty, var list = rows[collection.name] else { return }
        for index in list.indices {
            for (field, within, target) in scoped {
                guard case .string(let id)? = list[index].document.value(at: field.path) else { continue }
                let scope = list[index].document.value(at: within.scopeField)
                let targets = rows[target] ?? []
                if targets.first(where: { $0.id == id })?.document.value(at: within.targetScopeField) == scope { continue }
                let candidates = targets.filter { $0.document.value(at: within.targetScopeField) == scope && !(expiring[target]?.contains($0.id) ?? false) }
                let replacement: FixtureValue = candidates.isEmpty ? .null : .string(candidates[index % candidates.count].id)
                list[index].document = list[index].document.setting(field.path, to: replacement)
            }
        }
        rows[collection.name] = list
    }

    // MARK: Sizes and sample users

    private func rowCount(_ collection: Collection) -> Int {
        if let exact = options.rowsPerCollection[collection.name] { return max(1, exact) }
        var count = max(1, options.rows, largestEnum(collection.fields) + 1)
        if collection.isPrincipal { count = max(count, SampleUser.Part.allCases.count + 1) }
        return count
    }

    private func largestEnum(_ fields: [Field]) -> Int {
        fields.map { field in largestEnum(field.type) }.max() ?? 0
    }

    private func largestEnum(_ type: FieldType) -> Int {
        switch type {
        case .enumeration(let enumType): return enumType.cases.count
        case .object(let object): return largestEnum(object.fields)
        case .array(let element): return largestEnum(element.type)
        default: return 0
        }
    }

    private func makeSampleUsers(_ principal: Collection) -> [SampleUser] {
        let names: [SampleUser.Part: String] = [.admin: "Ada Admin", .owner: "Olivia Owner",
                                                .collaborator: "Carlos Collaborator", .outsider: "Oscar Outsider"]
        let roleField = principalRoleField(principal)
        // As many as there are principal rows (all four unless a count asks for fewer).
        let parts = SampleUser.Part.allCases.prefix(ids[principal.name]?.count ?? 0)
        return parts.enumerated().map { index, part in
            var role: String?
            if case .enumeration(let enumType)? = roleField?.type {
                role = part == .admin ? "admin" : (enumType.cases.first { $0.value != "admin" }?.value ?? "admin")
            }
            return SampleUser(part: part, id: ids[principal.name]![index], name: names[part]!,
                              email: principal.declaredFields.contains { if case .email = $0.type { return true }; return false }
                                ? "\(part.rawValue)@example.com" : nil,
                              role: role)
        }
    }

    /// The principal's enum field with an `admin` value: what the `admin` rule reads.
    private func principalRoleField(_ principal: Collection) -> Field? {
        principal.declaredFields.first { field in
            if case .enumeration(let enumType) = field.type { return enumType.cases.contains { $0.value == "admin" } }
            return false
        }
    }

    // MARK: Rows

    /// What a row knows while its fields are made.
    private struct RowContext {
        var collection: Collection
        var index: Int
        var isMinimal: Bool
        var createdAt: Date
        /// The to-one references chosen so far (collection, id): later references pick rows that
        /// agree with them (a scene's episode belongs to the scene's project).
        var anchors: [(collection: String, id: String)] = []
        /// The first principal this row references (its owner).
        var owner: String?

        /// The random numbers of one value: its own stream, named by collection, row and field
        /// path (`episodes/3/script.dialogue[2].timing`), so that adding, removing or renaming
        /// a field changes no other field's values.
        func random(_ location: String, seed: UInt64) -> SeededRandom {
            SeededRandom(seed: seed, stream: "\(collection.name)/\(index)/\(location)")
        }
    }

    private mutating func makeRow(_ collection: Collection, index: Int) -> FixtureRow {
        let count = rowCount(collection)
        var context = RowContext(collection: collection, index: index, isMinimal: count > 1 && index == count - 1,
                                 createdAt: created[collection.name]![index])
        let members = makeMembers(collection.fields, prefix: collection.name, location: "", context: &context)
        return FixtureRow(id: ids[collection.name]![index], document: .object(members), createdAt: context.createdAt)
    }

    /// `prefix` names the fields for enum turns, across rows and array elements
    /// (`episodes.script.dialogue[]`); `location` is the path within the row, with element
    /// indexes (`script.dialogue[2]`), that names each value's random stream.
    private mutating func makeMembers(_ fields: [Field], prefix: String, location: String,
                                      context: inout RowContext) -> [FixtureMember] {
        fields.compactMap { field in
            let path = location.isEmpty ? field.name : location + "." + field.name
            var random = context.random(path, seed: options.seed)
            return makeValue(field, key: prefix + "." + field.name, location: path, context: &context, random: &random)
                .map { FixtureMember(key: field.name, value: $0) }
        }
    }

    private mutating func makeValue(_ field: Field, key: String, location: String, context: inout RowContext,
                                    random: inout SeededRandom) -> FixtureValue? {
        switch field.role {
        case .primaryKey: return .string(ids[context.collection.name]![context.index])
        case .createdAt: return .string(JSONCoding.formatDate(context.createdAt))
        case .updatedAt:
            let edited = context.isMinimal ? 0 : random.int(in: 0...(48 * 3_600))
            return .string(JSONCoding.formatDate(context.createdAt.addingTimeInterval(TimeInterval(edited))))
        case .deletedAt: return nil
        case .version: return .int(1)
        case .declared: break
        }
        if context.isMinimal {
            // An optional field with a default is null, said so: left out, it would decode to the default.
            guard field.isRequired else { return field.nullDiffersFromAbsent ? .null : nil }
            if let value = field.defaultValue { return defaultValue(value, context: context) }
        }
        if case .vector = field.type, !field.isRequired, context.index % 3 != 0 { return nil }
        if let part = sampleUserPart(context), context.collection.isPrincipal {
            if let value = sampleUserValue(field, part: part) { return value }
        }
        switch field.type {
        case .object(let object):
            return .object(makeMembers(object.fields, prefix: key, location: location, context: &context))
        case .array(let element):
            let low = field.constraints.minItems ?? (context.isMinimal ? 0 : 1)
            let high = max(low, min(field.constraints.maxItems ?? 3, low + 2))
            if case .references(let reference) = element.type {
                return .array(pickReferences(reference, count: random.int(in: low...high), context: context, random: &random))
            }
            return .array((0..<random.int(in: low...high)).map { position in
                makeElement(element, name: field.name, key: key, location: "\(location)[\(position)]", context: &context, random: &random)
            })
        case .reference(let reference):
            let id = pickReference(reference, required: field.isRequired, context: context, random: &random)
            if let id {
                context.anchors.append((reference.target, id))
                if reference.target == principal?.name, context.owner == nil { context.owner = id }
            }
            return id.map(FixtureValue.string)
        case .references(let reference):
            let low = field.constraints.minItems ?? 0
            let high = max(low, field.constraints.maxItems ?? 2)
            return .array(pickReferences(reference, count: random.int(in: max(low, 1)...max(high, 1)), context: context,
                                         random: &random))
        default:
            return scalar(field.type, name: field.name, constraints: field.constraints, isSensitive: field.isSensitive,
                          key: key, context: context, random: &random)
        }
    }

    /// Scalars of an array draw from the array's stream; the fields of an object element each
    /// from their own (`dialogue[2].timing`).
    private mutating func makeElement(_ element: ArrayElement, name: String, key: String, location: String,
                                      context: inout RowContext, random: inout SeededRandom) -> FixtureValue {
        switch element.type {
        case .object(let object):
            // References inside array elements pick rows like the record's own, but don't anchor it.
            var inner = context
            return .object(makeMembers(object.fields, prefix: key + "[]", location: location, context: &inner))
        case .array(let nested):
            return .array((0..<random.int(in: 1...2)).map { position in
                makeElement(nested, name: name, key: key + "[]", location: "\(location)[\(position)]", context: &context, random: &random)
            })
        case .reference(let reference):
            return pickReference(reference, required: true, context: context, random: &random).map(FixtureValue.string) ?? .null
        default:
            return scalar(element.type, name: name, constraints: element.constraints, isSensitive: false, key: key + "[]",
                          context: context, random: &random) ?? .null
        }
    }

    // MARK: Sample users

    private func sampleUserPart(_ context: RowContext) -> SampleUser.Part? {
        guard context.index < SampleUser.Part.allCases.count else { return nil }
        return SampleUser.Part.allCases[context.index]
    }

    private func sampleUserValue(_ field: Field, part: SampleUser.Part) -> FixtureValue? {
        guard let user = sampleUsers.first(where: { $0.part == part }), field.path.count == 1 else { return nil }
        switch field.type {
        case .email: return user.email.map(FixtureValue.string)
        case .string where field.name.lowercased() == "name" || field.name.lowercased() == "displayname":
            return .string(user.name)
        case .enumeration where field.name == principalRoleField(principal!)?.name:
            return user.role.map(FixtureValue.string)
        default: return nil
        }
    }

    // MARK: References

    /// A row of the target: of the same project (or whatever else the row already references)
    /// when the target says which; a principal among those the anchors name, or by rotation.
    private mutating func pickReference(_ reference: Reference, required: Bool, context: RowContext,
                                        random: inout SeededRandom) -> String? {
        if reference.target == principal?.name, let principal {
            let related = relatedPrincipals(context)
            if !related.isEmpty { return related[context.index % related.count] }
            let rotation = [SampleUser.Part.owner, .collaborator, .outsider].compactMap { part in
                sampleUsers.first { $0.part == part }?.id
            }
            let all = ids[principal.name] ?? []
            return rotation.isEmpty ? all[context.index % all.count] : rotation[context.index % rotation.count]
        }
        let candidates = coherentCandidates(reference.target, context: context)
        if candidates.isEmpty { return required ? ids[reference.target]?.first : nil }
        // The first reference of a row (its parent) spreads rows two by two: a project gets
        // several episodes, not one each.
        let spread = context.anchors.isEmpty ? context.index / 2 : context.index
        return candidates[spread % candidates.count]
    }

    private mutating func pickReferences(_ reference: Reference, count: Int, context: RowContext,
                                         random: inout SeededRandom) -> [FixtureValue] {
        if reference.target == principal?.name {
            let ownerPart = sampleUsers.first { $0.id == context.owner }?.part
            let partner: SampleUser.Part? = switch ownerPart {
            case .owner: .collaborator
            case .collaborator: .owner
            case .outsider: nil
            case .admin, nil: context.owner == nil ? .collaborator : .owner
            }
            guard context.owner != nil || context.isMinimal == false else { return [] }
            return partner.flatMap { part in sampleUsers.first { $0.part == part } }.map { [.string($0.id)] } ?? []
        }
        // Links agree with the row's parent only (a scene's characters are of its project).
        var parentOnly = context
        parentOnly.anchors = Array(context.anchors.prefix(1))
        var candidates = coherentCandidates(reference.target, context: parentOnly)
        guard !candidates.isEmpty, count > 0 else { return [] }
        var picked: [String] = []
        while picked.count < min(count, candidates.count) {
            let choice = candidates.remove(at: random.int(in: 0...(candidates.count - 1)))
            picked.append(choice)
        }
        return picked.map(FixtureValue.string)
    }

    /// The principals the row's anchors reference (a project's owner and collaborators).
    private func relatedPrincipals(_ context: RowContext) -> [String] {
        guard let principalName = principal?.name else { return [] }
        var found: [String] = []
        for anchor in context.anchors {
            guard let row = builtRows(of: anchor.collection)?.first(where: { $0.id == anchor.id }),
                  let collection = collectionsByName[anchor.collection] else { continue }
            for field in referenceFields(collection.fields) where field.target == principalName {
                switch row.document.value(at: field.path) {
                case .string(let id)?: found.append(id)
                case .array(let values)?: found += values.compactMap(\.string)
                default: break
                }
            }
        }
        var seen: Set<String> = []
        return found.filter { seen.insert($0).inserted }
    }

    /// Ids of the target's rows that agree with the row's anchors; only earlier rows for a
    /// reference to the row's own collection (so references never form a loop).
    private func coherentCandidates(_ target: String, context: RowContext) -> [String] {
        var all = ids[target] ?? []
        if target == context.collection.name { all = Array(all.prefix(context.index)) }
        guard let targetRows = builtRows(of: target), let collection = collectionsByName[target] else { return all }
        let fields = referenceFields(collection.fields).filter { !$0.isMany }
        if let expired = expiring[target] { all.removeAll { expired.contains($0) } }
        let agreeing = all.filter { id in
            guard let row = targetRows.first(where: { $0.id == id }) else { return true }
            return context.anchors.allSatisfy { anchor in
                fields.filter { $0.target == anchor.collection }.allSatisfy { field in
                    guard case .string(let value)? = row.document.value(at: field.path) else { return true }
                    return value == anchor.id
                }
            }
        }
        return agreeing
    }

    private struct ReferenceField {
        var path: [String]
        var target: String
        var isMany: Bool
    }

    /// References outside arrays, through nested objects.
    private func referenceFields(_ fields: [Field]) -> [ReferenceField] {
        fields.flatMap { field -> [ReferenceField] in
            switch field.type {
            case .reference(let reference): return [ReferenceField(path: field.path, target: reference.target, isMany: false)]
            case .references(let reference): return [ReferenceField(path: field.path, target: reference.target, isMany: true)]
            case .object(let object): return referenceFields(object.fields)
            default: return []
            }
        }
    }

    private func canExpire(_ row: FixtureRow, in collection: Collection) -> Bool {
        collection.indexes.contains { index in
            guard case .ttl = index.kind else { return false }
            return index.conditions.allSatisfy { FixtureSet.holds($0, in: row.document) }
        }
    }

    // MARK: Unique keys

    /// Numbers an integer of a unique key from its lower bound within the rest of the key (so
    /// episodes count 1, 2, 3 within their project), and suffixes a string of a unique key the
    /// row shares with an earlier row.
    private func makeUnique(_ row: inout FixtureRow, in collection: Collection) {
        let earlier = builtRows(of: collection.name) ?? []
        var keys: [[Field]] = collection.indexes.filter(\.isUnique).map { $0.keys.map(\.field) }
        keys += collection.declaredFieldsDeep.filter(\.isUnique).map { [$0] }
        for key in keys {
            if let counter = key.first(where: { if case .int = $0.type { return true }; return false }),
               row.document.value(at: counter.path) != nil {
                let others = key.filter { $0.path != counter.path }
                let group = earlier.filter { other in others.allSatisfy { other.document.value(at: $0.path) == row.document.value(at: $0.path) } }
                let highest = group.compactMap { if case .int(let n)? = $0.document.value(at: counter.path) { return n }; return nil }.max()
                let first = Int((counter.constraints.min ?? 1).rounded(.up))
                row.document = row.document.replacing(at: counter.path, with: .int(highest.map { $0 + 1 } ?? first))
                continue
            }
            func tuple(_ document: FixtureValue) -> [FixtureValue]? {
                let values = key.map { document.value(at: $0.path) }
                return values.contains { $0 == nil || $0 == .null } ? nil : values.compactMap { $0 }
            }
            guard let mine = tuple(row.document),
                  earlier.contains(where: { tuple($0.document) == mine }) else { continue }
            if let text = key.first(where: { $0.type.isStringLike }),
                      case .string(let value)? = row.document.value(at: text.path) {
                let suffix = "-\(earlier.count + 1)"
                let maxLength = text.constraints.maxLength ?? Int.max
                let base = value.count + suffix.count > maxLength ? String(value.prefix(maxLength - suffix.count)) : value
                if case .email = text.type, let at = base.firstIndex(of: "@") {
                    row.document = row.document.replacing(at: text.path, with: .string(base[..<at] + suffix + base[at...]))
                } else {
                    row.document = row.document.replacing(at: text.path, with: .string(base + suffix))
                }
            }
        }
    }

    // MARK: Scalars

    private func defaultValue(_ value: DefaultValue, context: RowContext) -> FixtureValue {
        switch value {
        case .string(let text): return .string(text)
        case .int(let number): return .int(number)
        case .double(let number): return .double(number)
        case .decimal(let text): return Int(text).map(FixtureValue.int) ?? .double(Double(text) ?? 0)
        case .bool(let flag): return .bool(flag)
        case .now: return .string(JSONCoding.formatDate(context.createdAt))
        case .enumCase(let enumCase): return .string(enumCase.value)
        case .array(let values): return .array(values.map { defaultValue($0, context: context) })
        case .json(let literal): return Self.fixtureValue(literal)
        }
    }

    private static func fixtureValue(_ literal: JSONLiteral) -> FixtureValue {
        switch literal {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? .int(Int(number)) : .double(number)
        case .string(let text): return .string(text)
        case .array(let values): return .array(values.map(fixtureValue))
        case .object(let members): return .object(members.map { FixtureMember(key: $0.key, value: fixtureValue($0.value)) })
        }
    }

    private mutating func scalar(_ type: FieldType, name: String, constraints: Constraints, isSensitive: Bool, key: String,
                                 context: RowContext, random: inout SeededRandom) -> FixtureValue? {
        switch type {
        case .enumeration(let enumType):
            // Every value in turn, from a place the seed decides: all values appear.
            var offsetSource = SeededRandom(seed: options.seed, stream: "enum." + key)
            let offset = offsetSource.int(in: 0...(enumType.cases.count - 1))
            let turn = enumCounters[key, default: 0]
            enumCounters[key] = turn + 1
            return .string(enumType.cases[(offset + turn) % enumType.cases.count].value)
        case .int: return .int(SampleValues.int(name: name, constraints: constraints, random: &random))
        case .double: return .double(SampleValues.double(name: name, constraints: constraints, random: &random))
        case .bool: return .bool(random.chance(50))
        case .datetime:
            let later = random.int(in: 3_600...(72 * 3_600))
            return .string(JSONCoding.formatDate(context.createdAt.addingTimeInterval(TimeInterval(later))))
        case .uuid: return .string(random.uuid())
        case .int16, .int32, .int64, .decimal, .timestamp, .date, .bytes:
            return SampleValues.sized(type, name: name, constraints: constraints, createdAt: context.createdAt, random: &random)
        case .json: return SampleValues.json(name: name, random: &random)
        case .vector(let dimensions):
            return .vector((0..<dimensions).map { _ in Float(random.int(in: -64...64)) / 64 })
        case .string, .text, .email, .url:
            if let id = idLookingReference(name) { return .string(pickAnyID(id, context: context)) }
            return .string(SampleValues.string(type: type, name: name, constraints: constraints, isSensitive: isSensitive,
                                               collection: context.collection.name, row: context.index,
                                               person: personName(context), random: &random))
        case .identifier, .object, .array, .reference, .references: return nil
        }
    }

    /// The person a row is about, when it is one (a user, a character): its name and e-mail
    /// address agree.
    private func personName(_ context: RowContext) -> String {
        var random = SeededRandom(seed: options.seed, stream: "person.\(context.collection.name).\(context.index)")
        return SampleText.personName(&random)
    }

    /// A string field named like `projectId` or `taskId` holds the id of a record of that
    /// collection (`projects`, `tasks`), when there is one.
    private func idLookingReference(_ name: String) -> String? {
        guard name.hasSuffix("Id") || name.hasSuffix("ID") else { return nil }
        let stem = String(name.dropLast(2)).lowercased()
        return schema.collections.first { collection in
            [collection.name.lowercased(), collection.modelName.lowercased()].contains { $0 == stem || $0 == stem + "s" }
                || collection.modelName.lowercased().hasSuffix(stem)
        }?.name
    }

    private func pickAnyID(_ collection: String, context: RowContext) -> String {
        let candidates = coherentCandidates(collection, context: context)
        let all = candidates.isEmpty ? (ids[collection] ?? []) : candidates
        return all.isEmpty ? "" : all[context.index % all.count]
    }
}

extension Collection {
    /// Declared fields and the fields of their nested objects (not inside arrays).
    var declaredFieldsDeep: [Field] {
        func visit(_ fields: [Field]) -> [Field] {
            fields.flatMap { field -> [Field] in
                if case .object(let object) = field.type { return [field] + visit(object.fields) }
                return [field]
            }
        }
        return visit(declaredFields)
    }
}

extension FixtureValue {
    /// A copy whose to-many references (outside arrays) are empty.
    func withoutLinks(_ fields: [Field]) -> FixtureValue {
        fields.reduce(self) { document, field in
            switch field.type {
            case .references: return document.value(at: field.path) == nil ? document : document.replacing(at: field.path, with: .array([]))
            case .object(let object): return document.withoutLinks(object.fields)
            default: return document
            }
        }
    }

    /// A copy with the value at `path` (through nested objects) replaced.
    func replacing(at path: [String], with value: FixtureValue) -> FixtureValue {
        guard let key = path.first, case .object(var members) = self,
              let index = members.firstIndex(where: { $0.key == key }) else { return self }
        members[index].value = path.count == 1 ? value : members[index].value.replacing(at: Array(path.dropFirst()), with: value)
        return .object(members)
    }
}
