/// The limits schemagen puts on its input, so that a hostile or broken schema can't make it run
/// out of memory or time, and on what the databases can build, so that what the engines would
/// refuse is refused up front with a located error. docs/schema-language.md ("Limits") lists them.
public enum EngineLimits {
    // MARK: Reading

    /// Bytes in one schema file (the studio's largest is about 6 KB).
    public static let maxFileBytes = 1 << 20
    /// YAML nodes in one file once every alias is expanded (the studio's largest has about 700).
    public static let maxYAMLNodes = 100_000
    /// Aliases (`*name`) in one file.
    public static let maxAliases = 1_000
    /// How deep aliases may nest: an anchored node holding an alias whose anchor holds an alias…
    public static let maxAliasNesting = 8
    /// Nesting of YAML mappings and sequences (the studio's deepest is 9).
    public static let maxYAMLDepth = 64

    // MARK: Schema size

    /// Nested objects and arrays inside one field (`a.b.c` is 3 levels; `[[object]]` is 3).
    /// Each array level multiplies the sample data, so this stays small.
    public static let maxFieldDepth = 8
    /// Fields of one collection, counting those of nested objects and array elements.
    public static let maxFieldsPerCollection = 2_000
    /// Values of one enum.
    public static let maxEnumValues = 1_000

    // MARK: The engines

    /// Columns of one table: PostgreSQL's limit (MaxHeapAttributeNumber), which SQLite's default
    /// of 2,000 also allows. A nested object's fields are columns of the table.
    public static let maxColumns = 1_600
    /// Bytes of an SQL identifier: PostgreSQL keeps 63 (NAMEDATALEN - 1) and cuts the rest.
    public static let maxIdentifierBytes = 63
    /// The largest bound of a `{n,m}` quantifier: PostgreSQL's limit (DUPMAX).
    public static let maxPatternRepeat = 255
    /// The product of the counted bounds of nested quantifiers (`((a{0,50}){0,50})` is 2,500):
    /// ICU, behind the generated validators, backtracks through every way of splitting a
    /// non-matching value between them, which made fixture generation take minutes.
    public static let maxPatternNestedRepeat = 1_000
    /// The length of the shortest string a pattern can match (`(a{100}){100}` is 10,000), and the
    /// length of a string the fixture generator writes for a pattern.
    public static let maxPatternSampleLength = 10_000
}
