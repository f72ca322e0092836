import Foundation
import PostgresNIO
import SchemaRuntime

/// Many rows in one statement on PostgreSQL: each column's values go as one array, in binary,
/// and `INSERT … SELECT … FROM unnest(…)` makes them rows again. Unlike COPY, it is an INSERT:
/// row-level security, triggers and constraints see every row as they see a single insert.
enum PostgresBulkInsert {
    /// Rows per statement: a few megabytes of values, and no row limit to reach.
    static let rowsPerStatement = 5_000

    /// The statement inserting `rows` (values in `columns` order) into `table`: a column with no
    /// value is NULL in the SELECT, the others come from arrays. Nil when a column holds values
    /// of more than one kind (no array type fits them), or values of a native enum type (an
    /// array of text would need a cast to the enum type, whose name the values don't carry):
    /// those go in multi-row `INSERT … VALUES`.
    ///
    /// With `returning`, the key column the database generates: the rows go in the order of
    /// their arrays (`WITH ORDINALITY … ORDER BY`), so that the identity gives them increasing
    /// keys in that order, and the statement returns the keys (see `PostgresTransaction`).
    static func query(into table: String, columns: [String], rows: ArraySlice<[SQLValue]>, returning key: String? = nil) -> PostgresQuery? {
        var selected: [String] = []
        var unnested: [String] = []
        var bindings = PostgresBindings(capacity: columns.count)
        for index in columns.indices {
            guard let kind = kind(of: rows, at: index), kind != .enumValue else { return nil }
            guard kind != .null else {
                selected.append("NULL")
                continue
            }
            bindings.append(array(of: rows, at: index, kind: kind))
            let name = "c\(bindings.count)"
            unnested.append(name)
            // Vectors and native arrays go as the text of arrays (`{1,2.5}`, `{"a","b"}`), cast
            // per row: unnest would flatten an array of arrays.
            switch kind {
            case .vector: selected.append("rows.\(name)::real[]")
            // Decimals go as their text (exact, as a single value is sent), cast per row.
            case .decimal: selected.append("rows.\(name)::numeric")
            case .array(let element): selected.append("rows.\(name)::\(element)[]")
            default: selected.append("rows.\(name)")
            }
        }
        guard !unnested.isEmpty else { return nil }
        let arrays = unnested.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        var sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) SELECT \(selected.joined(separator: ", ")) FROM unnest(\(arrays))"
        if let key {
            sql += " WITH ORDINALITY AS rows(\(unnested.joined(separator: ", ")), n) ORDER BY rows.n RETURNING \(key)"
        } else {
            sql += " AS rows(\(unnested.joined(separator: ", ")))"
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// The kinds of `SQLValue`, NULL apart.
    enum Kind: Equatable {
        case null, int, double, text, bool, uuid, date, json, vector, blob, calendarDate, timestamp, enumValue
        /// A numeric, as text: PostgreSQL's binary numeric is digits in base 10,000, and a
        /// Decimal's text is exact.
        case decimal
        /// A native array, by its items' type: each row's array goes as its text.
        case array(String)

        init(_ value: SQLValue) {
            switch value {
            case .null: self = .null
            case .int: self = .int
            case .double: self = .double
            case .text: self = .text
            case .bool: self = .bool
            case .uuid: self = .uuid
            case .date: self = .date
            case .json: self = .json
            case .vector: self = .vector
            case .blob: self = .blob
            case .decimal: self = .decimal
            case .calendarDate: self = .calendarDate
            case .timestamp: self = .timestamp
            case .enumValue: self = .enumValue
            case .array(_, let element): self = .array(element)
            }
        }

        /// The array's type and its elements' (text for vectors).
        var types: (array: PostgresDataType, element: PostgresDataType) {
            switch self {
            case .null, .text, .vector, .enumValue, .array, .decimal: (.textArray, .text)
            case .int: (.int8Array, .int8)
            case .double: (.float8Array, .float8)
            case .bool: (.boolArray, .bool)
            case .uuid: (.uuidArray, .uuid)
            case .date: (.timestamptzArray, .timestamptz)
            case .json: (.jsonbArray, .jsonb)
            case .blob: (.byteaArray, .bytea)
            case .calendarDate: (.dateArray, .date)
            case .timestamp: (.timestampArray, .timestamp)
            }
        }
    }

    /// The one kind of the column's values other than NULL (`.null` when all are); nil when
    /// they are of several.
    static func kind(of rows: ArraySlice<[SQLValue]>, at index: Int) -> Kind? {
        var found = Kind.null
        for row in rows {
            let kind = Kind(row[index])
            if kind == .null || kind == found { continue }
            guard found == .null else { return nil }
            found = kind
        }
        return found
    }

    /// A one-dimensional array in PostgreSQL's binary format: dimensions, whether it holds
    /// NULLs, the element type, the length and lower bound, then each element's length (-1 for
    /// NULL) and bytes, encoded as `PostgresValues.bindings` encodes a single value.
    static func array(of rows: ArraySlice<[SQLValue]>, at index: Int, kind: Kind) -> PostgresData {
        let context = PostgresEncodingContext.default
        var buffer = ByteBuffer()
        buffer.reserveCapacity(20 + rows.count * 24)
        buffer.writeInteger(Int32(1))
        buffer.writeInteger(Int32(rows.contains { $0[index] == .null } ? 1 : 0))
        buffer.writeInteger(kind.types.element.rawValue)
        buffer.writeInteger(Int32(rows.count))
        buffer.writeInteger(Int32(1))
        for row in rows {
            let value = row[index]
            if value == .null {
                buffer.writeInteger(Int32(-1))
                continue
            }
            let start = buffer.writerIndex
            buffer.writeInteger(Int32(0))
            switch value {
            case .null: break
            case .int(let value): value.encode(into: &buffer, context: context)
            case .double(let value): value.encode(into: &buffer, context: context)
            case .text(let value), .enumValue(let value): buffer.writeString(value)
            case .bool(let value): value.encode(into: &buffer, context: context)
            case .uuid(let value): value.encode(into: &buffer, context: context)
            case .date(let value): PostgresValues.Timestamp(value).encode(into: &buffer, context: context)
            case .json(let value): PostgresValues.JSONB(text: value).encode(into: &buffer, context: context)
            case .vector(let value): buffer.writeString(vectorText(value))
            case .array(let json, let element): buffer.writeString(PostgresArrays.text(json: json, element: element))
            case .blob(let value): buffer.writeBytes(value)
            case .decimal(let value): buffer.writeString(value.description)
            case .calendarDate(let value): PostgresValues.Day(date: value).encode(into: &buffer, context: context)
            case .timestamp(let value): PostgresValues.Timestamp(value, withTimeZone: false).encode(into: &buffer, context: context)
            }
            buffer.setInteger(Int32(buffer.writerIndex - start - 4), at: start)
        }
        return PostgresData(type: kind.types.array, formatCode: .binary, value: buffer)
    }

    /// `{1,2.5,-inf}`: each float in its shortest exact form, which PostgreSQL reads back as the
    /// same float.
    static func vectorText(_ vector: [Float]) -> String {
        "{" + vector.map { $0.isNaN ? "NaN" : $0.isInfinite ? ($0 < 0 ? "-Infinity" : "Infinity") : "\($0)" }.joined(separator: ",") + "}"
    }
}
