/// Plan for templates/fixtures: the sample data as JSON per collection (the models' own shape,
/// so `JSONDecoder` reads it) and as an SQL script per dialect.
enum FixturePlanner {
    static func plan(_ schema: Schema, fixtures: FixtureSet) -> [PlannedFile] {
        var files = schema.collections.concurrentMap { collection in
            PlannedFile(path: "Fixtures/\(collection.name).json", template: "fixtures/collection.json",
                        context: ["json": FixtureJSON.pretty(.array(fixtures.rows(of: collection.name).map(\.document)))],
                        group: collection.sourcePath)
        }
        let statements = SQLDialect.allCases.concurrentMap { FixtureSQL.statements(fixtures, schema: schema, dialect: $0) }
        for (dialect, statements) in zip(SQLDialect.allCases, statements) {
            files.append(PlannedFile(path: "Fixtures/\(dialect.rawValue).sql", template: "fixtures/data.sql", context: FixtureScriptView(
                databaseName: dialect == .postgres ? "PostgreSQL" : "SQLite",
                dialect: dialect.rawValue,
                seed: String(fixtures.seed),
                users: fixtures.sampleUsers.map { user in
                    Escaping.sqlComment("\(user.part.rawValue): \(user.name)" + (user.email.map { " <\($0)>" } ?? "") + ", id \(user.id)"
                        + (user.role.map { ", role \($0)" } ?? ""))
                },
                hasUsers: !fixtures.sampleUsers.isEmpty,
                statements: statements.map { FixtureStatementView(summary: Escaping.sqlComment($0.summary), sql: $0.sql) })))
        }
        return files
    }
}

struct FixtureScriptView: Sendable {
    var databaseName: String
    var dialect: String
    var seed: String
    var users: [String]
    var hasUsers: Bool
    var statements: [FixtureStatementView]
}

struct FixtureStatementView: Sendable {
    var summary: String
    var sql: String
}
