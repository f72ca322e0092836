/// One migration of Generated/Migrations, embedded in the generated `DatabaseSchema`: its
/// number, its name, and its SQL, which opens and commits its own transaction and records itself
/// in the `schema_migrations` table.
public struct DatabaseMigration: Sendable, Hashable {
    public var version: Int
    public var name: String
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
