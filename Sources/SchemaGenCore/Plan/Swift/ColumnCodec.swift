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

    /// Reads a column; `argument` is its number, or `nullable: n` for a read that is nil for NULL.
    static func decode(_ type: FieldType, _ argument: String) -> String? {
        switch type {
        case .int16: return "row.integer(Int16.self, \(argument))"
        case .int32: return "row.integer(Int32.self, \(argument))"
        case .int64: return "row.integer(Int64.self, \(argument))"
        case .decimal: return "row.decimal(\(argument))"
        case .timestamp: return "row.timestamp(\(argument))"
        case .date: return "row.calendarDate(\(argument))"
        case .bytes: return "row.bytes(\(argument))"
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
