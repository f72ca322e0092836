/// A decimal number as written in a schema (`9.99`, `-0.5`, `100`): checked without going
/// through Double, so that `decimal` defaults and bounds stay exact.
struct DecimalText: Equatable {
    var isNegative: Bool
    /// Digits before the point, without leading zeros ("" for zero).
    var integerDigits: String
    /// Digits after the point, without trailing zeros.
    var fractionDigits: String

    init?(_ text: String) {
        var rest = Substring(text)
        isNegative = rest.first == "-"
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), (whole + fraction).allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        integerDigits = String(whole.drop(while: { $0 == "0" }))
        fractionDigits = String(fraction.reversed().drop(while: { $0 == "0" }).reversed())
        if integerDigits.isEmpty && fractionDigits.isEmpty { isNegative = false }
    }

    /// Whether `numeric(precision, scale)` holds the number without rounding it.
    func fits(precision: Int, scale: Int) -> Bool {
        integerDigits.count <= precision - scale && fractionDigits.count <= scale
    }

    /// The shortest form: `9.99`, `-0.5`, `0`.
    var text: String {
        (isNegative ? "-" : "") + (integerDigits.isEmpty ? "0" : integerDigits)
            + (fractionDigits.isEmpty ? "" : "." + fractionDigits)
    }
}
