import ArgumentParser
import Foundation
import SchemaGenCore
import SchemaGenSeed
import SchemaRuntime
import SchemaRuntimePostgres
import SchemaRuntimeSQLite

/// `schemagen seed`: a separate executable, because the generator must not depend on the database
/// libraries (a build plugin user compiles only what generation needs). `schemagen seed …` runs
/// this tool when it was built beside it.
@main
struct SchemaGenSeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemagen-seed",
        abstract: "Creates the schema if needed and loads the sample data (the fixtures) into a database.",
        discussion: """
            Everything happens in one transaction as the system context. Rows that exist are left \
            alone, so running it twice is safe; it prints what it added to each table.
            """
    )

    @Option(name: .long, help: "An SQLite database file (created when missing).")
    var sqlite: String?

    @Option(name: .long, help: "A PostgreSQL URL: postgres://user:password@host:port/database[?sslmode=require].")
    var postgres: String?

    @Option(name: .long, help: "A configuration file (default: schemagen.yaml, when there is one).")
    var config: String?

    @Option(name: .long, help: "The folder of schema files. Default: schemas.")
    var schemas: String?

    @Option(name: .long, help: "The fixtures' seed (default: the configuration's, else 1).")
    var seed: UInt64?

    @Option(name: .long, help: "Rows per collection (default: the configuration's, else 8).")
    var rows: Int?

    @Flag(name: .long, help: "Load nothing: record every migration as applied, for a database built from the DDL (`schemagen baseline`).")
    var baseline = false

    @Flag(name: .long, help: "Load nothing: compare the database's catalog with what the schemas produce (`schemagen diff`); exit 1 on drift.")
    var diff = false

    func validate() throws {
        guard (sqlite == nil) != (postgres == nil) else { throw ValidationError("give one of --sqlite PATH or --postgres URL") }
        if let rows, rows < 1 { throw ValidationError("--rows must be 1 or more") }
        if baseline && diff { throw ValidationError("give one of --baseline or --diff") }
    }

    func run() async throws {
        var configuration = Configuration()
        if let path = config ?? (FileManager.default.fileExists(atPath: "schemagen.yaml") ? "schemagen.yaml" : nil) {
            configuration = try reporting { try Configuration.load(path: path) }
        }
        if baseline {
            return try await runBaseline(output: configuration.output ?? "Generated", history: configuration.migrations, schemas: schemas ?? configuration.schemas ?? "schemas")
        }
        if diff { return try await runDiff(schemas: schemas ?? configuration.schemas ?? "schemas") }
        var options = configuration.options.fixtures
        if let seed { options.seed = seed }
        if let rows { options.rows = rows }
        let generator = Generator(schemasDirectory: schemas ?? configuration.schemas ?? "schemas")
        let schema = try reporting { try generator.resolve() }
        let fixtures = Pipeline.fixtures(schema, options: options)
        var sqlOnly = GenerationOptions()
        sqlOnly.outputs = [.sql]
        let ddl = Dictionary(uniqueKeysWithValues: Pipeline.render(schema, options: sqlOnly).map { ($0.path, $0.contents) })

        // With a migration history, the schema comes from the migrations (recorded in
        // schema_migrations, so the application's migrate-on-open agrees); else from the DDL.
        let history = try MigrationHistory.read(folder: configuration.migrations ?? (configuration.output ?? "Generated") + "/Migrations")
        func migrations(_ dialect: SQLDialect) -> [DatabaseMigration] {
            (history.migrations[dialect] ?? []).map { DatabaseMigration(version: $0.version, name: $0.name, sql: $0.sql) }
        }
        func describe(_ applied: [Int], created: Bool) -> String {
            if !applied.isEmpty { return "applied migration\(applied.count == 1 ? "" : "s") \(applied.map(String.init).joined(separator: ", "))" }
            return created ? "created the schema" : "schema present"
        }
        let tables: [SeededTable]
        if let sqlite {
            let isNew = !FileManager.default.fileExists(atPath: sqlite)
            let database: SQLiteDatabase
            var applied: [Int] = []
            if migrations(.sqlite).isEmpty {
                // A new file gets the DDL; an existing one is used as it is.
                database = try SQLiteDatabase(path: sqlite, schema: ddl["SQL/sqlite.sql"])
            } else {
                database = try SQLiteDatabase(path: sqlite, schema: nil)
                applied = try database.migrate(migrations(.sqlite))
            }
            print("\(sqlite): \(describe(applied, created: isNew))")
            tables = try await FixtureLoader.load(fixtures, schema: schema, into: database)
        } else {
            let url = postgres!
            tables = try await PostgresDatabase.withDatabase(url: url) { database in
                var applied: [Int] = []
                let probe = try await database.query("SELECT to_regclass(?)::text", [.text(schema.collections[0].tableName)])
                let isNew = probe.first?.isNull(0) ?? true
                if !migrations(.postgres).isEmpty {
                    applied = try await database.migrate(migrations(.postgres))
                } else if isNew {
                    try await database.apply(schema: ddl["SQL/postgres.sql"] ?? "")
                }
                print("PostgreSQL: \(describe(applied, created: isNew))")
                return try await FixtureLoader.load(fixtures, schema: schema, into: database)
            }
        }
        for table in tables { print("  " + table.summary) }
        let added = tables.reduce(0) { $0 + max(0, $1.added) }
        print(added == 0 ? "Nothing to add: the sample data is already there (seed \(options.seed))."
                         : "Added \(added) rows of sample data (seed \(options.seed)) in one transaction.")
        if !fixtures.sampleUsers.isEmpty {
            print("Sample users:")
            for user in fixtures.sampleUsers {
                print("  \(user.part.rawValue): \(user.name)\(user.email.map { " <\($0)>" } ?? "") id \(user.id)")
            }
        }
    }

    /// `schemagen baseline`: a database built from the DDL (`SQLiteDatabase(path:schema:)`,
    /// `apply(schema:)`, or `schemagen seed` before there were migrations) records every migration
    /// of the history as applied, so migrate-on-open takes it from there.
    private func runBaseline(output: String, history folder: String?, schemas: String) async throws {
        let generator = Generator(schemasDirectory: schemas, outputDirectory: output, migrationsDirectory: folder)
        let history = try reporting { () throws -> MigrationHistory in
            let history = try MigrationHistory.read(folder: generator.historyFolder)
            let problems = history.problems()
            if !problems.isEmpty { throw DiagnosticsError(problems) }
            return history
        }
        if try reporting({ try generator.needsMigration() }) {
            FileHandle.standardError.write(Data("error: the schemas changed since the last migration: run `schemagen migrate --name …` first, so that the baseline is the schema the DDL builds\n".utf8))
            throw ExitCode.failure
        }
        func migrations(_ dialect: SQLDialect) -> [DatabaseMigration] {
            (history.migrations[dialect] ?? []).map { DatabaseMigration(version: $0.version, name: $0.name, sql: $0.sql) }
        }
        guard history.lastVersion > 0 else {
            FileHandle.standardError.write(Data("error: \(generator.historyFolder) has no migrations: run `schemagen migrate --name initial` first\n".utf8))
            throw ExitCode.failure
        }
        do {
            let recorded: [Int]
            if let sqlite {
                guard FileManager.default.fileExists(atPath: sqlite) else {
                    FileHandle.standardError.write(Data("error: \(sqlite): no such database file\n".utf8))
                    throw ExitCode.failure
                }
                recorded = try SQLiteDatabase(path: sqlite, schema: nil).baseline(migrations(.sqlite))
            } else {
                recorded = try await PostgresDatabase.withDatabase(url: postgres!) { try await $0.baseline(migrations(.postgres)) }
            }
            print("\(sqlite ?? "PostgreSQL"): recorded migrations \(recorded.map(String.init).joined(separator: ", ")) as applied; migrate-on-open applies later ones")
        } catch let error as MigrationBaselineError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// `schemagen diff`: the live catalog against a scratch database built from the DDL the
    /// schemas produce; prints each difference and the statements that reconcile them, and
    /// exits 1 when there is any.
    private func runDiff(schemas: String) async throws {
        let schema = try reporting { try Generator(schemasDirectory: schemas).resolve() }
        var sqlOnly = GenerationOptions()
        sqlOnly.outputs = [.sql]
        let ddl = Dictionary(uniqueKeysWithValues: Pipeline.render(schema, options: sqlOnly).map { ($0.path, $0.contents) })
        let report: SchemaDrift.Report
        let name: String
        if let sqlite {
            guard FileManager.default.fileExists(atPath: sqlite) else {
                FileHandle.standardError.write(Data("error: \(sqlite): no such database file\n".utf8))
                throw ExitCode.failure
            }
            name = sqlite
            let live = try await SchemaDrift.catalog(of: try SQLiteDatabase(path: sqlite, schema: nil))
            let expected = try await SchemaDrift.catalog(of: try SQLiteDatabase.inMemory(schema: ddl["SQL/sqlite.sql"] ?? ""))
            report = SchemaDrift.compare(live: live, expected: expected, dialect: .sqlite)
        } else {
            name = "PostgreSQL"
            report = try await PostgresDatabase.withDatabase(url: postgres!) { database in
                let live = try await SchemaDrift.catalog(of: database)
                let expected = try await SchemaDrift.expectedPostgresCatalog(ddl: ddl["SQL/postgres.sql"] ?? "", in: database)
                return SchemaDrift.compare(live: live, expected: expected, dialect: .postgres)
            }
        }
        guard !report.isClean else {
            print("\(name): no drift: the database has what the schemas produce")
            return
        }
        for difference in report.differences { print(difference.description) }
        print("")
        print("-- Statements that would make the database what the schemas say (review them; apply as the owner):")
        for statement in report.statements { print(statement) }
        FileHandle.standardError.write(Data("\(name): drift: \(report.differences.count) difference\(report.differences.count == 1 ? "" : "s") from the schemas\n".utf8))
        throw ExitCode.failure
    }

    private func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DiagnosticsError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode.failure
        } catch let error as Generator.Failure {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
