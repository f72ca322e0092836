import Foundation

/// What `include` can load with a collection's records, one member per relation: the model's
/// `Relations`, generated from the schema (`Scene.Relations().episode`, `.characters`,
/// `Project.Relations().episodes`).
public protocol RecordRelations: Sendable {
    init()
}

/// The relations of a collection with none.
public struct NoRelations: RecordRelations {
    public init() {}
}

/// A relation of `Owner`'s records to `Target`'s, loaded as `Value` per record (`Target?` for a
/// reference, `[Target]` for a list): for a whole list of records in one query, under the
/// caller's read rule on `Target` (a record the caller may not read, or a deleted one, is not
/// included).
public struct Relation<Owner: StoredRecord, Target: StoredRecord, Value: Sendable>: Sendable {
    /// The relation's name in `Owner.Relations`.
    public let name: String
    let load: @Sendable ([Owner], AccessContext, any DatabaseExecutor) async throws -> [Owner.ID: Value]
    let empty: Value

    /// A `ref` field: the record it points at, nil when there is none the caller may read.
    public static func reference(_ name: String, _ target: @escaping @Sendable (Owner) -> Target.ID?) -> Self where Value == Target? {
        Relation(name: name, load: { owners, context, db in
            let byID = try await Self.targets(owners.compactMap(target), context: context, db: db)
            return Dictionary(owners.map { ($0.id, target($0).flatMap { byID[$0] }) }, uniquingKeysWith: { first, _ in first })
        }, empty: nil)
    }

    /// A `refs` field (a join table): the records it lists that the caller may read, in the
    /// list's order.
    public static func references(_ name: String, _ targets: @escaping @Sendable (Owner) -> [Target.ID]) -> Self where Value == [Target] {
        Relation(name: name, load: { owners, context, db in
            let byID = try await Self.targets(owners.flatMap(targets), context: context, db: db)
            return Dictionary(owners.map { ($0.id, targets($0).compactMap { byID[$0] }) }, uniquingKeysWith: { first, _ in first })
        }, empty: [])
    }

    /// The other side of a `ref` field of `Target` (`episodes.project`): the records of `Target`
    /// that point at the owner, which the caller may read, in `order` (an index's fields after
    /// the reference), then by id.
    public static func referring(_ name: String, through column: String, orderedBy order: [SortKey] = []) -> Self where Value == [Target] {
        Relation(name: name, load: { owners, context, db in
            guard !owners.isEmpty else { return [:] }
            let repository = Repository<Target>(db)
            let ids = Array(Set(owners.map(\.id)))
            let orderBy = ([column] + order.map { $0.column + ($0.descending ? " DESC" : "") } + [Target.table.idColumn]).joined(separator: ", ")
            let (records, rows) = try await repository.selectRows(
                where: "\(column) IN (\(Repository<Target>.placeholders(ids.count)))", ids.map(\.sqlValue),
                access: Target.table.access.read.filter(for: context), extraColumns: [column], orderBy: orderBy, db: db)
            var grouped: [Owner.ID: [Target]] = [:]
            for (record, row) in zip(records, rows) {
                grouped[try Owner.ID(row: row, column: row.values.count - 1), default: []].append(record)
            }
            return grouped
        }, empty: [])
    }

    /// How many records of `Target` point at the owner through `column`, among those the caller
    /// may read (a project's episode count): one grouped count for the whole list.
    public static func counting(_ name: String, through column: String) -> Self where Value == Int {
        Relation(name: name, load: { owners, context, db in
            guard !owners.isEmpty else { return [:] }
            let ids = Array(Set(owners.map(\.id)))
            let access = Target.table.access.read.filter(for: context)
            let condition = Repository<Target>(db).notDeleted("\(column) IN (\(Repository<Target>.placeholders(ids.count)))")
            let rows = try await db.query(
                "SELECT \(column), count(*) FROM \(Target.table.name) WHERE \(condition) AND \(access.sql) GROUP BY \(column)",
                ids.map(\.sqlValue) + access.arguments)
            var counts: [Owner.ID: Int] = [:]
            for row in rows { counts[try Owner.ID(row: row, column: 0)] = try row.int(1) }
            return counts
        }, empty: 0)
    }

    /// The records of `Target` with these ids that the caller may read, by id: one query.
    private static func targets(_ ids: [Target.ID], context: AccessContext, db: any DatabaseExecutor) async throws -> [Target.ID: Target] {
        let ids = Array(Set(ids))
        guard !ids.isEmpty else { return [:] }
        let records = try await Repository<Target>(db).select(
            where: "\(Target.table.idColumn) IN (\(Repository<Target>.placeholders(ids.count)))", ids.map(\.sqlValue),
            access: Target.table.access.read.filter(for: context), db: db)
        return Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A relation of `Owner`'s, whatever it loads: what `including:` takes.
protocol AnyRelation<Owner>: Sendable {
    associatedtype Owner: StoredRecord
    var name: String { get }
    func loadAny(_ owners: [Owner], context: AccessContext, db: any DatabaseExecutor) async throws -> [Owner.ID: any Sendable]
    var emptyValue: any Sendable { get }
}

extension Relation: AnyRelation {
    func loadAny(_ owners: [Owner], context: AccessContext, db: any DatabaseExecutor) async throws -> [Owner.ID: any Sendable] {
        try await load(owners, context, db).mapValues { $0 }
    }

    var emptyValue: any Sendable { empty }
}

/// A record with the relations a read included, each read as a property of its own name:
///
///     let scene = try await scenes.find(id, including: [\.episode, \.characters], as: caller)
///     scene?.record.title; scene?.episode?.title; scene?.characters.map(\.name)
///
/// Reading a relation that was not included is a programming error (it traps).
@dynamicMemberLookup
public struct Included<Record: StoredRecord>: Sendable {
    public let record: Record
    let values: [String: any Sendable]

    public subscript<Target, Value>(dynamicMember relation: KeyPath<Record.Relations, Relation<Record, Target, Value>>) -> Value {
        let name = Record.Relations()[keyPath: relation].name
        guard let value = values[name] else { preconditionFailure("\(Record.self).\(name) was not included") }
        return value as! Value
    }
}

extension Included: Identifiable {
    public var id: Record.ID { record.id }
}

/// Includes: a list or page of records with their references, the records their `refs` list and
/// the records that point at them, in one query per relation whatever the number of records
/// (no N+1), each under the caller's read rule.
extension Repository {
    /// `records` with `relations` (key paths into `Record.Relations`), read as the caller: one
    /// query per relation (and, as every read, one per `refs` field of the records it loads).
    public func include(
        _ relations: [PartialKeyPath<Record.Relations>],
        in records: [Record],
        as context: AccessContext
    ) async throws -> [Included<Record>] {
        let relations = Self.resolve(relations)
        return try await database.read(as: context) { db in
            try await include(relations, in: records, context: context, db: db)
        }
    }

    /// The page of `list(where:orderBy:page:as:)`, its records with `relations`, in one read.
    public func list(
        where filter: @Sendable (Record.Columns) -> RecordPredicate<Record> = { _ in .all },
        orderBy order: @Sendable (Record.Columns) -> RecordOrder<Record> = { _ in .id },
        page: PageRequest = .first,
        including relations: [PartialKeyPath<Record.Relations>],
        as context: AccessContext
    ) async throws -> Page<Included<Record>> {
        let columns = Record.Columns()
        let predicate = filter(columns)
        let keys = order(columns).keys
        let relations = Self.resolve(relations)
        return try await database.read(as: context) { db in
            let page = try await keysetPage(predicate, keys: keys, page: page, context: context, db: db)
            let items = try await include(relations, in: page.items, context: context, db: db)
            return Page(items: items, next: page.next, previous: page.previous)
        }
    }

    /// The record with this id with `relations`, if the caller may read it.
    public func find(_ id: Record.ID, including relations: [PartialKeyPath<Record.Relations>], as context: AccessContext) async throws -> Included<Record>? {
        let relations = Self.resolve(relations)
        return try await database.read(as: context) { db in
            let records = try await select(where: "\(table.idColumn) = ?", [id.sqlValue], access: table.access.read.filter(for: context), db: db)
            return try await include(relations, in: records, context: context, db: db).first
        }
    }

    /// The relations these key paths of `Record.Relations` name.
    static func resolve(_ paths: [PartialKeyPath<Record.Relations>]) -> [any AnyRelation<Record>] {
        let all = Record.Relations()
        return paths.map { path in
            guard let relation = all[keyPath: path] as? any AnyRelation<Record> else {
                preconditionFailure("\(path) is not a relation of \(Record.self)")
            }
            return relation
        }
    }

    func include(
        _ relations: [any AnyRelation<Record>],
        in records: [Record],
        context: AccessContext,
        db: any DatabaseExecutor
    ) async throws -> [Included<Record>] {
        var values = [[String: any Sendable]](repeating: [:], count: records.count)
        for relation in relations {
            let loaded = records.isEmpty ? [:] : try await relation.loadAny(records, context: context, db: db)
            for index in records.indices {
                values[index][relation.name] = loaded[records[index].id] ?? relation.emptyValue
            }
        }
        return records.indices.map { Included(record: records[$0], values: values[$0]) }
    }
}
