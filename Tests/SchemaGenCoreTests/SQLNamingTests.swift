import Testing
@testable import SchemaGenCore

/// Names that would make invalid or ambiguous SQL: a located error for names the user wrote, a
/// documented deterministic rewrite for names schemagen derives.
@Suite("SQL names")
struct SQLNamingTests: SchemaTestSupport {
    @Test func namesTheUserWroteMustFitPostgreSQL() {
        let long = String(repeating: "a", count: 64)
        let yaml = """
            name: notes
            fields:
              title: { type: string, column: \(long) }
              \(long)b: string
            indexes:
              - fields: [title]
                name: \(long)
            """
        #expect(diagnostics(yaml) == [
            error("column name '\(long)' of 'title' is longer than 63 bytes, which PostgreSQL would cut", 3, 3,
                  notes: [hint("set a shorter 'column:'")]),
            error("column name '\(long)b' of '\(long)b' is longer than 63 bytes, which PostgreSQL would cut", 4, 3,
                  notes: [hint("set a shorter 'column:'")]),
            error("index name '\(long)' is longer than 63 bytes, which PostgreSQL would cut", 7, 11),
        ])
    }

    @Test func aJoinTableMustNotTakeATablesName() {
        let files = [
            (path: "schemas/a.yaml", yaml: "name: projects\nfields:\n  members: { type: refs, to: projectsMembers }\n"),
            (path: "schemas/b.yaml", yaml: "name: projectsMembers\nfields:\n  title: string\n"),
        ]
        #expect(diagnostics(files) == [
            error("the join table of 'projects.members' would be 'projects_members', the table of collection 'projectsMembers'",
                  3, 3, in: "schemas/a.yaml", notes: [hint("rename the field or the collection")]),
        ])
    }

    @Test func derivedNamesAreShortenedWithAStableHash() {
        let long = "characters_visual_design_reference_images_reference_image_id_fkey"
        let short = Naming.sqlName(long)
        #expect(long.utf8.count == 65)
        #expect(short.utf8.count == 63)
        #expect(short.hasPrefix(String(long.prefix(54)) + "_"))
        #expect(short == Naming.sqlName(long), "the same on every run")
        #expect(Naming.sqlName(long + "x") != short, "two long names stay apart")
        #expect(Naming.sqlName("projects_pkey") == "projects_pkey")
    }

    @Test func keywordsAndUnusualNamesAreQuoted() {
        #expect(Naming.sqlQuoted("default") == "\"default\"")
        #expect(Naming.sqlQuoted("user") == "\"user\"")
        #expect(Naming.sqlQuoted("order") == "\"order\"")
        #expect(Naming.sqlQuoted("title") == "title")
        #expect(Naming.sqlQuoted("Mixed") == "\"Mixed\"")
        #expect(Naming.sqlQuoted("a\"b") == "\"a\"\"b\"")
    }

    /// A self-relation named after its own collection gets a distinct column.
    @Test func joinTableColumnsOfASelfRelation() throws {
        let schema = try resolved([(path: "schemas/tasks.yaml", yaml: "name: tasks\nmodel: Job\nfields:\n  tasks: { type: refs, to: tasks }\n")])
        let field = schema.collections[0].fields.first { $0.name == "tasks" }!
        guard case .references(let reference) = field.type else { Issue.record("not refs"); return }
        #expect(reference.joinTable == JoinTable(name: "tasks_tasks", ownerColumn: "task_id", targetColumn: "linked_task_id"))
    }
}
