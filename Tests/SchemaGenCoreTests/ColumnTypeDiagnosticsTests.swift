import Testing
@testable import SchemaGenCore

/// The column types imports need (int16, int32, int64, decimal, date, timestamp, bytes): what
/// they resolve to, their SQL on both engines, and where a mistake in them is reported.
@Suite("Column types")
struct ColumnTypeDiagnosticsTests: SchemaTestSupport {
    static func ledger(_ field: String) -> String {
        """
        name: ledgers
        fields:
          \(field)
        """
    }

    @Test func eachTypeResolvesAndMapsOnBothEngines() throws {
        let schema = try resolved([(schemaPath, """
            name: ledgers
            fields:
              small: { type: int16, min: -5 }
              medium: int32
              large: int64
              amount: { type: decimal, precision: 12, scale: 2, default: 9.990 }
              day: date
              at: timestamp
              blob: bytes
            """)])
        let fields = try #require(schema.collections.first).declaredFields
        let postgres = fields.map { SQLDialect.postgres.columnType($0.type) }
        let sqlite = fields.map { SQLDialect.sqlite.columnType($0.type) }
        #expect(postgres == ["smallint", "integer", "bigint", "numeric(12, 2)", "date", "timestamp", "bytea"])
        #expect(sqlite == ["INTEGER", "INTEGER", "INTEGER", "TEXT", "TEXT", "TEXT", "BLOB"])
        #expect(fields[3].defaultValue == .decimal("9.99"))
        #expect(SQLDialect.sqlite.checks(for: fields[0], column: "small") == ["small BETWEEN -5 AND 32767"])
        #expect(SQLDialect.postgres.checks(for: fields[0], column: "small") == ["small >= -5"])
        #expect(SwiftModelsPlanner.swiftType(fields[3].type) == "Decimal" && SwiftModelsPlanner.swiftType(fields[4].type) == "CalendarDate")
    }

    @Test func theSQLiteDecimalCheckReadsBack() {
        for (precision, scale) in [(1, 0), (12, 2), (38, 38), (18, 4)] {
            let check = SQLiteDecimal.check("amount", precision: precision, scale: scale)
            #expect(SQLiteDecimal.read(check)?.column == "amount")
            #expect(SQLiteDecimal.read(check).map { [$0.digits.precision, $0.digits.scale] } == [precision, scale])
            #expect(SQLiteDecimal.read("(" + check + ")").map { [$0.digits.precision, $0.digits.scale] } == [precision, scale])
        }
        #expect(SQLiteDecimal.read("(amount GLOB '[0-9]*' OR amount GLOB '-[0-9]*')") == nil)
    }

    @Test func aDecimalNeedsItsDigits() {
        #expect(diagnostics(Self.ledger("amount: { type: decimal }")) == [
            error("field 'amount' of type decimal needs 'precision' (the number of digits)", 3, 19,
                  notes: [hint("for example 'precision: 12' and 'scale: 2' for amounts up to 9999999999.99")]),
        ])
        #expect(diagnostics(Self.ledger("amount: { type: decimal, precision: 39 }")) == [
            error("'precision' must be between 1 and 38, not 39", 3, 39, notes: [hint("Swift's Decimal holds 38 digits exactly")]),
        ])
        #expect(diagnostics(Self.ledger("amount: { type: decimal, precision: 4, scale: 5 }")).map(\.message) == [
            "'scale' must be between 0 and 'precision' (4), not 5",
        ])
        #expect(diagnostics(Self.ledger("amount: { type: decimal, precision: 4, scale: 2, default: 123.4 }")).map(\.message) == [
            "default 123.4 of field 'amount' does not fit decimal(4, 2)",
        ])
        #expect(diagnostics(Self.ledger("amount: { type: decimal, precision: 4, min: 0 }")).map(\.message) == [
            "'min' does not apply to field 'amount' of type decimal",
        ])
        #expect(diagnostics(Self.ledger("count: { type: int, precision: 4 }")).map(\.message) == [
            "'precision' does not apply to field 'count' of type int",
        ])
    }

    @Test func varcharStorage() throws {
        let schema = try resolved([(schemaPath, Self.ledger("memo: { type: string, minLength: 2, maxLength: 40, storage: varchar }"))])
        let memo = try #require(schema.collections.first?.declaredFields.first)
        #expect(SQLDialect.postgres.columnType(for: memo) == "varchar(40)" && SQLDialect.sqlite.columnType(for: memo) == "TEXT")
        #expect(SQLDialect.postgres.checks(for: memo, column: "memo") == ["char_length(memo) >= 2"])
        #expect(SQLDialect.sqlite.checks(for: memo, column: "memo") == ["length(memo) BETWEEN 2 AND 40"])
        #expect(diagnostics(Self.ledger("memo: { type: string, storage: varchar }")).map(\.message) == [
            "'storage: varchar' needs 'maxLength' on field 'memo': it is the n of varchar(n)",
        ])
        #expect(diagnostics(Self.ledger("memo: { type: int, storage: varchar }")).map(\.message) == [
            "'storage: varchar' does not apply to field 'memo' of type int",
        ])
        #expect(diagnostics(Self.ledger("memo: { type: string, maxLength: 4, storage: varchr }")).first?.notes == [hint("did you mean 'varchar'?")])
    }

    @Test func sizedIntegersKeepToTheirRange() {
        #expect(diagnostics(Self.ledger("small: { type: int16, max: 40000 }")) == [
            error("'max' (40000) of field 'small' is outside what int16 holds", 3, 30, notes: [hint("int16 holds -32768 to 32767")]),
        ])
        #expect(diagnostics(Self.ledger("medium: { type: int32, default: 3000000000 }")).map(\.message) == [
            "default 3000000000 of field 'medium' is outside what int32 holds",
        ])
        #expect(diagnostics(Self.ledger("day: { type: date, default: '2024-01-01' }")).map(\.message) == [
            "field 'day' of type date cannot have a default",
        ])
        #expect(diagnostics(Self.ledger("small: { type: imt32 }")).first?.notes == [hint("did you mean 'int32'?")])
    }
}
