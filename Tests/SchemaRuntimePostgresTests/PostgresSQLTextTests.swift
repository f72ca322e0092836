import Foundation
import SchemaRuntime
import Testing
@testable import SchemaRuntimePostgres

/// The parts that need no server: placeholders, splitting scripts, URLs.
@Suite("PostgreSQL: without a server")
struct PostgresSQLTextTests {
    @Test("queries and data changes are prepared, in either case and after spaces; commands are not")
    func preparable() {
        for sql in ["SELECT 1", "select 1", "  \n  Select 1", "WITH a AS (SELECT 1) SELECT * FROM a", "with a as (select 1) select * from a",
                    "INSERT INTO t VALUES (1)", "update t SET x = 1", "DELETE FROM t", "VALUES (1)"] {
            #expect(PostgresStatements.isPreparable(sql), "\(sql)")
        }
        for sql in ["BEGIN", "COMMIT", "SET x = 1", "WITHIN", "SELEC", "", "  ", "SAVEPOINT a"] {
            #expect(!PostgresStatements.isPreparable(sql), "\(sql)")
        }
    }

    @Test("? becomes $1, $2… in code only")
    func placeholders() {
        let (sql, count) = PostgresSQLText.numberingPlaceholders("""
            SELECT ?, '?', "a?b", E'it\\'s ?', $$ ? $$, $tag$ ? $$ ? $tag$, ? -- ?
            /* ? /* ? */ ? */ FROM t WHERE x = ?
            """)
        #expect(count == 3)
        #expect(sql == """
            SELECT $1, '?', "a?b", E'it\\'s ?', $$ ? $$, $tag$ ? $$ ? $tag$, $2 -- ?
            /* ? /* ? */ ? */ FROM t WHERE x = $3
            """)
        #expect(PostgresSQLText.numberingPlaceholders("SELECT 'it''s ?', ?").sql == "SELECT 'it''s ?', $1")
        // A $ inside an identifier or before a digit is not a dollar quote.
        #expect(PostgresSQLText.numberingPlaceholders("SELECT a$b, ? FROM t$1").sql == "SELECT a$b, $1 FROM t$1")
    }

    @Test("a script splits at the semicolons in code")
    func statements() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (x text DEFAULT ';');
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
                RETURN 1; -- ;
            END
            $$;
            /* only a comment; */
            ;
            SELECT "semi;colon" FROM a
            """
        let statements = PostgresSQLText.statements(script).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(statements == [
            "-- a comment; with a semicolon\nCREATE TABLE a (x text DEFAULT ';')",
            "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n    RETURN 1; -- ;\nEND\n$$",
            #"SELECT "semi;colon" FROM a"#,
        ])
    }

    @Test("the generated DDL splits into whole statements")
    func generatedScript() throws {
        let statements = PostgresSQLText.statements(try generatedSchema())
        let functions = statements.filter { $0.contains("CREATE OR REPLACE FUNCTION") }
        #expect(!functions.isEmpty)
        for function in functions {
            // Each $$ body whole: an even number of $$.
            #expect(function.components(separatedBy: "$$").count % 2 == 1)
        }
        #expect(statements.allSatisfy { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
    }

    @Test("a URL gives host, port, user, password and database")
    func url() throws {
        let configuration = try PostgresDatabase.configuration(url: "postgres://app:p%40ss@db.example.com:5433/studio?sslmode=require", tls: false)
        #expect(configuration.host == "db.example.com")
        #expect(configuration.port == 5433)
        #expect(configuration.username == "app")
        #expect(configuration.password == "p@ss")
        #expect(configuration.database == "studio")

        let defaults = try PostgresDatabase.configuration(url: "postgresql://localhost", tls: false)
        #expect(defaults.port == 5432)
        #expect(defaults.username == "postgres")
        #expect(defaults.password == nil)
        #expect(defaults.database == nil)
    }

    @Test("a URL that is not PostgreSQL's is refused, without repeating it")
    func badURL() {
        let error = #expect(throws: DatabaseError.self) { try PostgresDatabase(url: "mysql://root:secret@host/db") }
        #expect(error?.message.contains("secret") == false)
    }

    @Test("withDatabase ends when its body throws, with the body's error, even with no server to reach")
    func withDatabaseEnds() async {
        await #expect(throws: Expected.self) {
            try await PostgresDatabase.withDatabase(url: "postgres://postgres@127.0.0.1:1/none") { _ in throw Expected() }
        }
    }

    @Test("the key columns of a unique violation's detail")
    func keyColumns() {
        #expect(PostgresErrors.keyColumns("Key (project, episode_number)=(1, 2) already exists.") == ["project", "episode_number"])
        #expect(PostgresErrors.keyColumns("something else") == [])
    }
}
