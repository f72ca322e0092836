/// How the column types that imports need (sized integers, decimal, timestamp without time
/// zone, date, bytes) travel between a Swift value and an `SQLValue`: the generated row
/// codec's expressions. Nil for the other types, which RepositoryPlanner spells itself.
enum ColumnCodec {
    /// The SQLValue of a Swift value, optional or not (SQLValue takes both; nil is NULL).
    static func encode(_ type: FieldType, _ value: String) -> String? {
        switch type {
        case .int16, .int32, .int64: return ".integer(\(value))"
        case .decimal: return ".decimal(\(value))"
        case .timestamp: return ".timestamp(\(value))"
        case .date: return ".calendarDate(\(value))"
        case .bytes: return ".blob(\(value))"
        default: return nil
        }
    }

    /// Reads a non-null value of a column.
    static func decode(_ type: FieldType, _ column: Int) -> String? {
        switch type {
        case .int16: return "row.integer(Int16.self, \(column))"
        case .int32: return "row.integer(Int32.self, \(column))"
        case .int64: return "row.integer(Int64.self, \(column))"
        case .decimal: return "row.decimal(\(column))"
        case .timestamp: return "row.timestamp(\(column))"
        case .date: return "row.calendarDate(\(column))"
        case .bytes: return "row.bytes(\(column))"
        default: return nil
        }
    }

    /// A value of the column's SQL kind, for reading a page cursor back.
    static func sortExample(_ type: FieldType) -> String? {
        switch type {
        case .int16, .int32, .int64: return ".int(0)"
        case .decimal: return ".decimal(0)"
        case .timestamp: return ".timestamp(Date())"
        case .date: return ".calendarDate(CalendarDate(daysSince1970: 0))"
        default: return nil
        }
    }
}
