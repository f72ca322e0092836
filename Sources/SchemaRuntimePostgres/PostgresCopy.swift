import Foundation
import PostgresNIO
import SchemaRuntime

/// Many rows through `COPY … FROM STDIN` (PostgresNIO's `copyFrom`, text format), for the
/// callers row-level security does not hold: the system context on a role that bypasses it (a
/// superuser, BYPASSRLS, or the table's owner when the table does not FORCE it). COPY FROM is
/// refused on a table whose policies apply to the role, so everyone else's rows go as arrays
/// (`PostgresBulkInsert`). Constraints, triggers and unique indexes see COPY's rows as an
/// INSERT's; a failing row fails the whole COPY, and the transaction with it.
///
/// Each value is written in the text form PostgreSQL reads back as the value the binary path
/// sends: the same microseconds for timestamps, the shortest exact form of a float, `\N` for
/// NULL, and a backslash before `\`, tab, newline and carriage return inside text.
enum PostgresCopy {
    /// Bytes handed to the connection at a time: large enough that the per-write hop to the
    /// event loop costs nothing, small enough to keep memory flat for any batch.
    static let bytesPerWrite = 1 << 18

    /// Fewer rows go as arrays: COPY waits for the server twice (its start, its end), a
    /// statement once.
    static let minimumRows = 100

    /// The table and columns as `copyFrom` takes them (it quotes each name itself): nil when a
    /// name is not one it can quote to the same identifier (a schema-qualified table, a quote
    /// inside a quoted name, or an unquoted name with capitals, which SQL folds to lower case).
    static func names(table: String, columns: [String]) -> (table: String, columns: [String])? {
        func plain(_ name: String) -> String? {
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                let inner = name.dropFirst().dropLast()
                return inner.isEmpty || inner.contains("\"") ? nil : String(inner)
            }
            guard !name.isEmpty, name.utf8.allSatisfy({ byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_") || byte >= 0x80
            }) else { return nil }
            return name
        }
        guard let table = plain(table) else { return nil }
        var plainColumns: [String] = []
        plainColumns.reserveCapacity(columns.count)
        for column in columns {
            guard let name = plain(column) else { return nil }
            plainColumns.append(name)
        }
        return (table, plainColumns)
    }

    /// Whether every value has a text form here (dates of years 1 to 9999, or ±infinity): else
    /// the rows go as arrays.
    static func canWrite(_ rows: [[SQLValue]]) -> Bool {
        for row in rows {
            for value in row {
                switch value {
                case .date(let date), .timestamp(let date):
                    if Timestamp(date) == nil { return false }
                case .calendarDate(let day):
                    if !(1...9999).contains(day.year) { return false }
                default: continue
                }
            }
        }
        return true
    }

    /// Copies `rows` (values in `columns` order) into `table` on `connection`, streamed
    /// `bytesPerWrite` at a time. The rows must pass `canWrite`.
    static func copy(_ rows: [[SQLValue]], into table: String, columns: [String], on connection: PostgresConnection,
                     logger: Logger) async throws {
        do {
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                var buffer = ByteBuffer()
                buffer.reserveCapacity(bytesPerWrite + bytesPerWrite / 4)
                for row in rows {
                    write(row, into: &buffer)
                    if buffer.readableBytes >= bytesPerWrite {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
        } catch {
            throw PostgresErrors.map(error)
        }
    }

    /// One row: its values separated by tabs, ended by a newline.
    static func write(_ row: [SQLValue], into buffer: inout ByteBuffer) {
        for index in row.indices {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            write(row[index], into: &buffer)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    static func write(_ value: SQLValue, into buffer: inout ByteBuffer) {
        switch value {
        case .null: buffer.writeStaticString("\\N")
        case .int(let value): buffer.writeString(String(value))
        case .double(let value): buffer.writeString(floatText(value))
        case .text(let value), .json(let value), .enumValue(let value): writeEscaped(value, into: &buffer)
        case .bool(let value): buffer.writeInteger(UInt8(ascii: value ? "t" : "f"))
        case .uuid(let value): buffer.writeString(value.uuidString)
        case .date(let value): Timestamp(value)?.write(into: &buffer, zone: true)
        case .timestamp(let value): Timestamp(value)?.write(into: &buffer, zone: false)
        case .vector(let value): buffer.writeString(PostgresBulkInsert.vectorText(value))
        case .array(let json, let element): writeEscaped(PostgresArrays.text(json: json, element: element), into: &buffer)
        case .decimal(let value): buffer.writeString(value.description)
        case .calendarDate(let value): buffer.writeString(value.description)
        case .blob(let bytes):
            // bytea's hex form, `\x0aff`, its backslash doubled for COPY.
            buffer.writeStaticString("\\\\x")
            let digits: StaticString = "0123456789abcdef"
            for byte in bytes {
                buffer.writeInteger(digits.utf8Start[Int(byte >> 4)])
                buffer.writeInteger(digits.utf8Start[Int(byte & 0x0f)])
            }
        }
    }

    /// Text as COPY reads it: a backslash before `\`, and tab, newline and carriage return as
    /// `\t`, `\n`, `\r`.
    static func writeEscaped(_ text: String, into buffer: inout ByteBuffer) {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: special) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    /// A double in its shortest exact form (`0.1`, `1e-300`), which PostgreSQL reads back as the
    /// same double.
    static func floatText(_ value: Double) -> String {
        value.isNaN ? "NaN" : value.isInfinite ? (value < 0 ? "-Infinity" : "Infinity") : "\(value)"
    }

    /// A timestamp as `2026-01-31 12:00:00.123000`, the UTC wall clock of the microseconds the
    /// binary path sends (`PostgresValues.Timestamp`), with `+00` for a timestamptz.
    struct Timestamp {
        /// Microseconds since 1970; nil for ±infinity.
        var microseconds: Int64?
        var isNegative = false

        /// Nil outside the years 1 to 9999 (infinite dates apart).
        init?(_ date: Date) {
            // As PostgresValues.Timestamp rounds them: since 2000, then moved to 1970.
            let since2000 = (date.timeIntervalSinceReferenceDate * 1_000_000 + 31_622_400 * 1_000_000).rounded()
            if since2000 >= 9.2e18 || since2000 <= -9.2e18 {
                microseconds = nil
                isNegative = since2000 < 0
                return
            }
            let since1970 = Int64(since2000) + 946_684_800_000_000
            // 0001-01-01 and 10000-01-01.
            guard since1970 >= -62_135_596_800_000_000, since1970 < 253_402_300_800_000_000 else { return nil }
            microseconds = since1970
        }

        func write(into buffer: inout ByteBuffer, zone: Bool) {
            guard let microseconds else {
                // The binary path's Int64 extremes: PostgreSQL's ±infinity.
                buffer.writeStaticString(isNegative ? "-infinity" : "infinity")
                return
            }
            let perDay: Int64 = 86_400_000_000
            var days = microseconds / perDay
            var rest = microseconds % perDay
            if rest < 0 {
                days -= 1
                rest += perDay
            }
            let day = CalendarDate(daysSince1970: Int(days))
            func digits(_ value: Int64, _ width: Int) {
                var divisor: Int64 = 1
                for _ in 1..<width { divisor *= 10 }
                var value = value
                while divisor > 0 {
                    buffer.writeInteger(UInt8(ascii: "0") + UInt8(value / divisor))
                    value %= divisor
                    divisor /= 10
                }
            }
            digits(Int64(day.year), 4)
            buffer.writeInteger(UInt8(ascii: "-"))
            digits(Int64(day.month), 2)
            buffer.writeInteger(UInt8(ascii: "-"))
            digits(Int64(day.day), 2)
            buffer.writeInteger(UInt8(ascii: " "))
            digits(rest / 3_600_000_000, 2)
            buffer.writeInteger(UInt8(ascii: ":"))
            digits(rest / 60_000_000 % 60, 2)
            buffer.writeInteger(UInt8(ascii: ":"))
            digits(rest / 1_000_000 % 60, 2)
            buffer.writeInteger(UInt8(ascii: "."))
            digits(rest % 1_000_000, 6)
            if zone { buffer.writeStaticString("+00") }
        }
    }
}
