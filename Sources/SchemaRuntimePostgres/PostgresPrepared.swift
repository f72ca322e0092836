import Foundation
import PostgresNIO
import SchemaRuntime

/// Prepared statements for SQL known only at run time, for reads: parsed and planned once per
/// connection, then one Bind/Execute round trip each.
///
/// PostgresNIO prepares a `PostgresPreparedStatement` on each connection the first time it runs
/// there and remembers it by name, but the protocol names a statement's SQL statically, per type.
/// So each distinct statement (its SQL and its parameters' types) gets a slot, up to `capacity`
/// per process, and each slot a type of its own, `PreparedRead<…>`, whose static `name`, `sql`
/// and `bindingDataTypes` read the slot's statement. The slot's type is spelled in ten binary
/// digits (`SlotBit1<SlotBit0<…<SlotRoot>>>`), made once per slot. Statements beyond the
/// capacity run unprepared.
enum PostgresPrepared {
    static let bits = 10
    static let capacity = 1 << bits

    struct Key: Hashable {
        var sql: String
        var types: [UInt32]
    }

    struct Statement: Sendable {
        var index: Int
        var sql: String
        var types: [PostgresDataType]
        var slot: any PreparedSlot.Type
    }

    private static let registry = Locked((slots: [Key: Int](), statements: [Statement]()))

    /// The statement's slot, given one if it has none yet; nil when every slot is taken.
    static func statement(sql: String, arguments: [SQLValue]) -> Statement? {
        let types = arguments.map(type(of:))
        let key = Key(sql: sql, types: types.map(\.rawValue))
        return registry.withLock { registry in
            if let slot = registry.slots[key] { return registry.statements[slot] }
            let slot = registry.statements.count
            guard slot < capacity else { return nil }
            let statement = Statement(index: slot, sql: sql, types: types, slot: slotType(slot))
            registry.slots[key] = slot
            registry.statements.append(statement)
            return statement
        }
    }

    /// Gives up a statement whose prepared form no longer fits the tables (see `isStale`): its
    /// next run takes a new slot, a new name, prepared anew on each connection.
    static func renew(_ stale: Statement) {
        registry.withLock { registry in
            let key = Key(sql: stale.sql, types: stale.types.map(\.rawValue))
            if registry.slots[key] == stale.index { registry.slots[key] = nil }
        }
    }

    static func statement(at slot: Int) -> Statement {
        registry.withLock { $0.statements[slot] }
    }

    /// The type `PostgresValues.bindings` sends a value as; NULL as no type (the server infers it).
    static func type(of value: SQLValue) -> PostgresDataType {
        switch value {
        case .null, .enumValue: PostgresDataType(0)
        case .int: .int8
        case .double: .float8
        case .text: .text
        case .bool: .bool
        case .uuid: .uuid
        case .date: .timestamptz
        case .json: .jsonb
        case .vector: .float4Array
        case .blob: .bytea
        case .decimal: .numeric
        case .calendarDate: .date
        case .timestamp: .timestamp
        case .array(_, let element): PostgresArrays.arrayType(of: element)
        }
    }

    /// The type of slot `index`: its binary digits, the most significant innermost.
    static func slotType(_ index: Int) -> any PreparedSlot.Type {
        var type: any PreparedSlot.Type = SlotRoot.self
        for bit in (0..<bits).reversed() {
            type = appending(type, bit: (index >> bit) & 1 == 1)
        }
        return type
    }

    private static func appending<Rest: PreparedSlot>(_ rest: Rest.Type, bit: Bool) -> any PreparedSlot.Type {
        bit ? SlotBit1<Rest>.self : SlotBit0<Rest>.self
    }

    /// Runs the statement on the connection (preparing it there the first time) and reads its rows.
    static func query(_ statement: Statement, _ arguments: [SQLValue], on connection: PostgresConnection, logger: Logger) async throws -> [SQLRow] {
        try await query(statement.slot, PostgresValues.bindings(arguments), on: connection, logger: logger)
    }

    private static func query<Slot: PreparedSlot>(
        _ slot: Slot.Type, _ bindings: PostgresBindings, on connection: PostgresConnection, logger: Logger
    ) async throws -> [SQLRow] {
        var rows: [SQLRow] = []
        for try await row in try await connection.execute(PreparedRead<Slot>(bindings: bindings), logger: logger) {
            rows.append(try SQLRow(row.map(PostgresValues.sqlValue)))
        }
        return rows
    }

    /// Whether a prepared statement failed because it no longer fits the database (a table
    /// changed the types of the columns it returns, or the statement was deallocated): the
    /// statement then runs again unprepared.
    static func isStale(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "0A000" && (error.serverInfo?[.message] ?? "").contains("cached plan") || state == "26000"
    }
}

/// A slot number as a type (see `PostgresPrepared`).
protocol PreparedSlot {
    static var index: Int { get }
}

enum SlotRoot: PreparedSlot {
    static var index: Int { 0 }
}

enum SlotBit0<Rest: PreparedSlot>: PreparedSlot {
    static var index: Int { Rest.index * 2 }
}

enum SlotBit1<Rest: PreparedSlot>: PreparedSlot {
    static var index: Int { Rest.index * 2 + 1 }
}

/// The statement in `Slot`, with its values.
struct PreparedRead<Slot: PreparedSlot>: PostgresPreparedStatement {
    typealias Row = PostgresRow

    static var name: String { "schemagen_\(Slot.index)" }
    static var sql: String { PostgresPrepared.statement(at: Slot.index).sql }
    static var bindingDataTypes: [PostgresDataType] { PostgresPrepared.statement(at: Slot.index).types }

    var bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
