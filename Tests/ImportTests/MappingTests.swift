import Testing
@testable import SchemaGenCore

/// The mapping from a catalog to schema files, without a database: catalogs written by hand as
/// PostgreSQL and SQLite report them.
@Suite struct MappingTests {
    @Test func readsWhatPostgreSQLPrintsForChecks() throws {
        let enumCheck = try #require(SQLExpression.parse("((status = ANY (ARRAY['concept'::text, 'pre-production'::text])))"))
        guard case .any("=", .column("status"), .array(let items)) = enumCheck else { Issue.record("\(enumCheck)"); return }
        #expect(items.compactMap(\.stringValue) == ["concept", "pre-production"])
        let range = try #require(SQLExpression.parse("((char_length(title) >= 1) AND (char_length(title) <= 200))"))
        #expect(range.conjuncts.count == 2)
        let cast = try #require(SQLExpression.parse("(x >= ('-0.5'::numeric)::double precision)"))
        guard case .binary(">=", .column("x"), let bound) = cast else { Issue.record("\(cast)"); return }
        #expect(bound.numberValue == -0.5)
        #expect(SQLExpression.parse("created_at GLOB '[0-9]'") != nil)
        #expect(SQLExpression.parse("CASE WHEN a THEN b END") == nil)
    }

    @Test func readsSQLiteTableText() {
        let elements = SQLiteTableText.elements("""
            CREATE TABLE t (
                id TEXT NOT NULL, -- the id, (with a comma)
                n INTEGER CHECK (n > 0) CHECK (n < 10),
                CONSTRAINT "t_odd, name" CHECK (length(id) = 36),
                CONSTRAINT t_pkey PRIMARY KEY (id)
            ) STRICT
            """)
        #expect(elements.map(\.kind) == ["column", "column", "check", "primaryKey"])
        guard elements.count == 4 else { return }
        #expect(elements[1].checks == ["n > 0", "n < 10"])
        #expect(elements[2].name == "t_odd, name")
        #expect(elements[3].name == "t_pkey" && elements[3].columns == ["id"])
        #expect(SQLiteTableText.whereClause("CREATE INDEX i ON t (a) WHERE status <> 'x where y'") == "status <> 'x where y'")
    }

    static let projects = DatabaseCatalog.Table(
        name: "projects", comment: "Film projects.",
        columns: [
            .init(name: "id", type: "uuid", isNullable: false, defaultExpression: "gen_random_uuid()"),
            .init(name: "title", type: "character varying(120)", isNullable: false, comment: "Shown on the dashboard."),
            .init(name: "status", type: "text", isNullable: false, defaultExpression: "'draft'::text"),
            .init(name: "budget", type: "numeric(12,2)", isNullable: true),
            .init(name: "owner_id", type: "uuid", isNullable: false),
            .init(name: "shape", type: "box", isNullable: true),
        ],
        constraints: [
            .init(name: "projects_pkey", kind: .primaryKey, columns: ["id"]),
            .init(name: "projects_status_check", kind: .check, columns: ["status"],
                  expression: "(status = ANY (ARRAY['draft'::text, 'live'::text]))"),
            .init(name: "projects_budget_check", kind: .check, columns: ["budget"], expression: "(budget > (0)::numeric)"),
            .init(name: "projects_owner_id_fkey", kind: .foreignKey, columns: ["owner_id"], foreignTable: "users",
                  foreignColumns: ["id"], onDelete: "CASCADE", onUpdate: "NO ACTION"),
        ],
        indexes: [
            .init(name: "projects_owner_id_status_idx", isUnique: false, keys: [.init(column: "owner_id"), .init(column: "status", descending: true)],
                  predicate: "(status <> 'draft'::text)", definition: "CREATE INDEX …"),
        ])

    static let users = DatabaseCatalog.Table(
        name: "users", columns: [.init(name: "id", type: "uuid", isNullable: false, defaultExpression: "gen_random_uuid()"),
                                 .init(name: "email", type: "text", isNullable: false)],
        constraints: [.init(name: "users_pkey", kind: .primaryKey, columns: ["id"])])

    static let members = DatabaseCatalog.Table(
        name: "projects_members",
        columns: [.init(name: "project_id", type: "uuid", isNullable: false), .init(name: "member_id", type: "uuid", isNullable: false)],
        constraints: [
            .init(name: "projects_members_pkey", kind: .primaryKey, columns: ["project_id", "member_id"]),
            .init(name: "a", kind: .foreignKey, columns: ["project_id"], foreignTable: "projects", foreignColumns: ["id"], onDelete: "CASCADE"),
            .init(name: "b", kind: .foreignKey, columns: ["member_id"], foreignTable: "users", foreignColumns: ["id"], onDelete: "CASCADE"),
        ])

    @Test func mapsAPostgreSQLTable() throws {
        let catalog = DatabaseCatalog(engine: .postgres, tables: [Self.members, Self.projects, Self.users])
        let imported = try CatalogMapper.map(catalog)
        #expect(imported.files.map(\.path) == ["projects.yaml", "users.yaml"])
        let text = imported.files[0].contents
        #expect(text == """
            # Imported by schemagen import from table projects.
            # Not mapped, or mapped with a change:
            #   - Column shape (box) left out: schemagen has no type for box.
            #   - Join table projects_members (project_id, member_id) becomes the to-many reference members;
            #     schemagen's join table is projects_members (project_id, member_id, position), which keeps the
            #     links' order.
            #   - CHECK projects_budget_check ((budget > (0)::numeric)) not mapped: schemagen has no field rule
            #     for this condition.
            name: projects
            description: "Film projects."
            timestamps: false
            referenceColumns: idSuffix
            fields:
              title: { type: string, storage: varchar, required: true, maxLength: 120, description: Shown on the dashboard. }
              status: { type: enum, values: [draft, live], required: true, default: draft }
              budget: { type: decimal, precision: 12, scale: 2 }
              owner: { type: ref, to: users, required: true, onDelete: cascade }
              members: { type: refs, to: users }
            indexes:
              - fields: [owner, status desc]
                where: { status: { not: draft } }

            """)
    }

    @Test func aContainmentCheckMakesAListOfEnumItems() throws {
        let table = DatabaseCatalog.Table(
            name: "badges",
            columns: [.init(name: "id", type: "uuid", isNullable: false),
                      .init(name: "colors", type: "text[]", isNullable: true),
                      .init(name: "levels", type: "jsonb", isNullable: true),
                      .init(name: "sizes", type: "text[]", isNullable: true)],
            constraints: [
                .init(name: "badges_pkey", kind: .primaryKey, columns: ["id"]),
                .init(name: "badges_colors_check", kind: .check, columns: ["colors"],
                      expression: "((array_ndims(colors) = 1) AND (colors <@ ARRAY['red'::text, 'blue-ish'::text]))"),
                .init(name: "badges_levels_check", kind: .check, columns: ["levels"],
                      expression: #"((jsonb_typeof(levels) = 'array'::text) AND (levels <@ '["low", "high"]'::jsonb))"#),
                // Containment in something that is not a list of strings says nothing schemagen can hold.
                .init(name: "badges_sizes_check", kind: .check, columns: ["sizes"], expression: "(sizes <@ other_column)"),
            ])
        let imported = try CatalogMapper.map(DatabaseCatalog(engine: .postgres, tables: [table]))
        let text = try #require(imported.files.first?.contents)
        #expect(text.contains("colors: { type: array, items: { type: enum, values: [red, blue-ish] }, storage: array }"), "\(text)")
        #expect(text.contains("levels: { type: array, items: { type: enum, values: [low, high] } }"), "\(text)")
        #expect(text.contains("sizes: { type: array, items: string, storage: array }") && text.contains("badges_sizes_check"), "\(text)")
    }

    @Test func integerAndTextKeysInIdBecomeKeysOfTheirType() throws {
        let items = DatabaseCatalog.Table(
            name: "items",
            columns: [.init(name: "id", type: "integer", isNullable: false, identity: "d"),
                      .init(name: "tag_id", type: "character varying(40)", isNullable: false)],
            constraints: [.init(name: "items_pkey", kind: .primaryKey, columns: ["id"]),
                          .init(name: "items_tag_id_fkey", kind: .foreignKey, columns: ["tag_id"], foreignTable: "tags", foreignColumns: ["id"])])
        let tags = DatabaseCatalog.Table(
            name: "tags",
            columns: [.init(name: "id", type: "character varying(40)", isNullable: false), .init(name: "label", type: "text", isNullable: true)],
            constraints: [.init(name: "tags_pkey", kind: .primaryKey, columns: ["id"])])
        let imported = try CatalogMapper.map(DatabaseCatalog(engine: .postgres, tables: [items, tags]))
        let text = Dictionary(uniqueKeysWithValues: imported.files.map { ($0.path, $0.contents) })
        let itemsText = try #require(text["items.yaml"]), tagsText = try #require(text["tags.yaml"])
        #expect(itemsText.contains("\nid: { type: int32, generated: true }\n") && tagsText.contains("\nid: { type: string, maxLength: 40 }\n"))
        #expect(!itemsText.contains("made by the database"))
        #expect(itemsText.contains("tag: { type: ref, to: tags, required: true"))
        #expect(!itemsText.contains("becomes a UUID column"))
    }

    @Test func aOneColumnKeyNotNamedIdStaysTheKeyInItsOwnColumn() throws {
        let albums = DatabaseCatalog.Table(
            name: "albums",
            columns: [.init(name: "album_id", type: "integer", isNullable: false),
                      .init(name: "label_code", type: "character varying(40)", isNullable: true),
                      .init(name: "title", type: "text", isNullable: false)],
            constraints: [.init(name: "albums_pkey", kind: .primaryKey, columns: ["album_id"]),
                          .init(name: "albums_label_code_fkey", kind: .foreignKey, columns: ["label_code"], foreignTable: "labels",
                                foreignColumns: ["code"], onDelete: "SET NULL")])
        let labels = DatabaseCatalog.Table(
            name: "labels",
            columns: [.init(name: "code", type: "character varying(40)", isNullable: false), .init(name: "name", type: "text", isNullable: true)],
            constraints: [.init(name: "labels_pkey", kind: .primaryKey, columns: ["code"])])
        // A key of two columns is no collection key: a UUID id is added, as before.
        let legacy = DatabaseCatalog.Table(
            name: "legacy",
            columns: [.init(name: "legacy_id", type: "integer", isNullable: false), .init(name: "name", type: "text", isNullable: true)],
            constraints: [.init(name: "legacy_pkey", kind: .primaryKey, columns: ["legacy_id", "name"])])
        let imported = try CatalogMapper.map(DatabaseCatalog(engine: .postgres, tables: [albums, labels, legacy]))
        let text = Dictionary(uniqueKeysWithValues: imported.files.map { ($0.path, $0.contents) })
        let albumsText = try #require(text["albums.yaml"]), labelsText = try #require(text["labels.yaml"])
        #expect(albumsText.contains("\nid: { type: int32, column: album_id }\n"))
        #expect(labelsText.contains("\nid: { type: string, maxLength: 40, column: code }\n"))
        #expect(!albumsText.contains("bigint"))
        #expect(albumsText.contains("label: { type: ref, to: labels, column: label_code }") || albumsText.contains("labelCode: { type: ref, to: labels"))
        #expect(!albumsText.contains("albumId") && !albumsText.contains("becomes a UUID column"))
        #expect(try #require(text["legacy.yaml"]).contains("adds a UUID one"))
        // The files resolve: the key columns are what the DDL names.
        let sources = imported.files.map { SchemaSource(path: $0.path, contents: $0.contents) }
        let ddl = try #require(try Pipeline.generate(sources).first { $0.path == "SQL/postgres.sql" }).contents
        #expect(ddl.contains("PRIMARY KEY (album_id)") && ddl.contains("REFERENCES labels (code) ON DELETE SET NULL"))
    }

    /// A composite foreign key is `within` when it points at the target's key column, whatever
    /// that column is called (`album_id` here); any other composite key starting at a column,
    /// a reference's or not, is named in the notes as not mapped.
    @Test func compositeForeignKeysOfATableKeyedByAColumnNotNamedId() throws {
        let albums = DatabaseCatalog.Table(
            name: "albums",
            columns: [.init(name: "album_id", type: "bigint", isNullable: false),
                      .init(name: "title", type: "text", isNullable: false),
                      .init(name: "owner_id", type: "uuid", isNullable: false),
                      .init(name: "sequel_of_id", type: "bigint", isNullable: true),
                      .init(name: "edition", type: "text", isNullable: true)],
            constraints: [
                .init(name: "albums_pkey", kind: .primaryKey, columns: ["album_id"]),
                .init(name: "albums_album_id_owner_id_key", kind: .unique, columns: ["album_id", "owner_id"]),
                .init(name: "albums_owner_id_fkey", kind: .foreignKey, columns: ["owner_id"], foreignTable: "users",
                      foreignColumns: ["id"], onDelete: "CASCADE"),
                .init(name: "albums_sequel_of_id_fkey", kind: .foreignKey, columns: ["sequel_of_id"], foreignTable: "albums",
                      foreignColumns: ["album_id"], onDelete: "SET NULL"),
                .init(name: "albums_sequel_of_id_scope_fkey", kind: .foreignKey, columns: ["sequel_of_id", "owner_id"], foreignTable: "albums",
                      foreignColumns: ["album_id", "owner_id"], onDelete: "SET NULL"),
                // Beside the reference, but pointing elsewhere: not a `within`.
                .init(name: "albums_sequel_of_id_title_fkey", kind: .foreignKey, columns: ["sequel_of_id", "title"], foreignTable: "releases",
                      foreignColumns: ["release_id", "title"]),
                // On a column that is no reference.
                .init(name: "albums_edition_fkey", kind: .foreignKey, columns: ["edition", "title"], foreignTable: "releases",
                      foreignColumns: ["edition", "title"]),
            ])
        let releases = DatabaseCatalog.Table(
            name: "releases",
            columns: [.init(name: "release_id", type: "bigint", isNullable: false), .init(name: "title", type: "text", isNullable: false),
                      .init(name: "edition", type: "text", isNullable: true)],
            constraints: [.init(name: "releases_pkey", kind: .primaryKey, columns: ["release_id"])])
        let imported = try CatalogMapper.map(DatabaseCatalog(engine: .postgres, tables: [albums, releases, Self.users]))
        let files = Dictionary(uniqueKeysWithValues: imported.files.map { ($0.path, $0.contents) })
        // The notes as one line each (a long note goes on over `#     ` lines).
        let text = try #require(files["albums.yaml"]).replacingOccurrences(of: "\n#     ", with: " ")
        #expect(text.contains("sequelOf: { type: ref, to: albums, onDelete: setNull, within: owner }") || text.contains("within: owner"), "\(text)")
        #expect(!text.contains("albums_sequel_of_id_scope_fkey"), "the within key is mapped: \(text)")
        #expect(text.contains("Foreign key albums_sequel_of_id_title_fkey over (sequel_of_id, title) not mapped"), "\(text)")
        #expect(text.contains("Foreign key albums_edition_fkey over (edition, title) not mapped"), "\(text)")
    }

    /// integer keys are int32, bigint keys int64, smallint keys int32 with a note; on SQLite an
    /// INTEGER key is int32 when a CHECK holds it to 32 bits (what schemagen writes), else int64.
    /// ON DELETE NO ACTION (and a foreign key that says nothing) is noAction. Serial and identity
    /// keys are `generated: true` (PostgreSQL); SQLite's rowid stays a key the caller gives.
    @Test func integerKeyWidthsAndNoAction() throws {
        func keyed(_ name: String, _ type: String, checks: [DatabaseCatalog.Constraint] = []) -> DatabaseCatalog.Table {
            DatabaseCatalog.Table(name: name, columns: [.init(name: "id", type: type, isNullable: false), .init(name: "label", type: "text", isNullable: true)],
                                  constraints: [.init(name: name + "_pkey", kind: .primaryKey, columns: ["id"])] + checks)
        }
        let child = DatabaseCatalog.Table(
            name: "child",
            columns: [.init(name: "id", type: "bigint", isNullable: false), .init(name: "small_id", type: "smallint", isNullable: false),
                      .init(name: "wide_id", type: "bigint", isNullable: true)],
            constraints: [.init(name: "child_pkey", kind: .primaryKey, columns: ["id"]),
                          .init(name: "child_small_id_fkey", kind: .foreignKey, columns: ["small_id"], foreignTable: "small",
                                foreignColumns: ["id"], onDelete: "NO ACTION"),
                          .init(name: "child_wide_id_fkey", kind: .foreignKey, columns: ["wide_id"], foreignTable: "wide", foreignColumns: ["id"])])
        var serial = keyed("serial", "integer"), always = keyed("always", "bigint")
        serial.columns[0].defaultExpression = "nextval('serial_id_seq'::regclass)"
        always.columns[0].identity = "a"
        let postgres = try CatalogMapper.map(DatabaseCatalog(engine: .postgres, tables: [keyed("small", "smallint"), keyed("wide", "bigint"), child, serial, always]))
        let text = Dictionary(uniqueKeysWithValues: postgres.files.map { ($0.path, $0.contents) })
        #expect(try #require(text["small.yaml"]).contains("\nid: int32\n"))
        #expect(try #require(text["small.yaml"]).contains("Column id is smallint; schemagen's narrowest integer key is int32 (integer)."))
        #expect(try #require(text["wide.yaml"]).contains("\nid: int64\n"))
        // Serial and identity keys are generated; the notes say what changes.
        #expect(try #require(text["serial.yaml"]).contains("\nid: { type: int32, generated: true }\n"))
        #expect(try #require(text["serial.yaml"]).contains("Column id is serial"))
        #expect(try #require(text["always.yaml"]).contains("\nid: { type: int64, generated: true }\n"))
        #expect(try #require(text["always.yaml"]).contains("GENERATED ALWAYS AS IDENTITY; schemagen's generated key is BY DEFAULT"))
        let childText = try #require(text["child.yaml"])
        #expect(childText.contains("small: { type: ref, to: small, required: true, onDelete: noAction"))
        #expect(childText.contains("wide: { type: ref, to: wide, onDelete: noAction"))
        #expect(!childText.contains("nearest is restrict"))

        let range = DatabaseCatalog.Constraint(name: "narrow_id_check", kind: .check, columns: ["id"], expression: "id BETWEEN -2147483648 AND 2147483647")
        let sqlite = try CatalogMapper.map(DatabaseCatalog(engine: .sqlite, tables: [keyed("narrow", "INTEGER", checks: [range]), keyed("rowid", "INTEGER")]))
        let sqliteText = Dictionary(uniqueKeysWithValues: sqlite.files.map { ($0.path, $0.contents) })
        #expect(try #require(sqliteText["narrow.yaml"]).contains("\nid: int32\n"))
        #expect(try #require(sqliteText["rowid.yaml"]).contains("\nid: int64\n"))
        #expect(!(try #require(sqliteText["rowid.yaml"]).contains("generated")))
    }

    @Test func refusesATableItCannotExpress() {
        let table = DatabaseCatalog.Table(name: "legacy", columns: [.init(name: "id", type: "double precision", isNullable: false),
                                                                    .init(name: "name", type: "text", isNullable: true)],
                                          constraints: [.init(name: "legacy_pkey", kind: .primaryKey, columns: ["id"])])
        #expect(throws: ImportFailure.self) { try CatalogMapper.map(DatabaseCatalog(engine: .postgres, tables: [table])) }
        do {
            _ = try CatalogMapper.map(DatabaseCatalog(engine: .postgres, tables: [table]))
        } catch {
            #expect("\(error)".hasPrefix("table 'legacy' cannot be imported: its column 'id' is not a primary key of a type schemagen keys by"))
        }
    }
}
