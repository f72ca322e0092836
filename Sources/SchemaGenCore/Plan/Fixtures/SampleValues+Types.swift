import Foundation
import SchemaRuntime

extension SampleValues {
    /// Sample values of the column types imports need: sized integers within their range, a
    /// decimal with no more digits than its precision and scale hold, a timestamp or a day near
    /// the record's creation, and a few bytes (base64, as the models' JSON has them).
    static func sized(_ type: FieldType, name: String, constraints: Constraints, createdAt: Date,
                      random: inout SeededRandom) -> FixtureValue? {
        switch type {
        case .int16, .int32, .int64:
            var bounded = constraints
            if let range = type.integerRange {
                bounded.min = Swift.max(constraints.min ?? 0, range.lowerBound)
                bounded.max = Swift.min(constraints.max ?? (bounded.min! + 1000), range.upperBound)
            }
            return .int(int(name: name, constraints: bounded, random: &random))
        case .decimal(let precision, let scale):
            // At most six digits before the point and two after it: short, and exact as JSON numbers.
            var bounded = Constraints()
            bounded.max = pow(10, Double(Swift.min(precision - scale, 6))) - 1
            let factor = pow(10, Double(Swift.min(scale, 2)))
            let value = (double(name: name, constraints: bounded, random: &random) * factor).rounded(.down) / factor
            return value.rounded() == value ? .int(Int(value)) : .double(value)
        case .timestamp:
            let later = random.int(in: 3_600...(72 * 3_600))
            // JSON writes it as any Date (with its `Z`); FixtureSQL drops the zone for SQLite.
            return .string(JSONCoding.formatDate(createdAt.addingTimeInterval(TimeInterval(later))))
        case .date:
            return .string(CalendarDate(createdAt.addingTimeInterval(TimeInterval(random.int(in: 0...30) * 86_400))).description)
        case .bytes:
            let count = random.int(in: 4...16)
            return .string(Data((0..<count).map { _ in UInt8(random.int(in: 0...255)) }).base64EncodedString())
        default:
            return nil
        }
    }
}
