import Testing
@testable import SchemaGenCore

// One test per class of schema error: the exact message, the exact place (file, line, column),
// and every note with its place. Line 1 of a YAML literal is the line after its opening `"""`.

@Suite("Diagnostics: malformed YAML")
struct MalformedYAMLDiagnosticsTests: SchemaTestSupport {
    @Test func badIndentation() {
        let yaml = """
            name: notes
            fields:
              title: string
               status: string
            """
        #expect(diagnostics(yaml) == [
            error("malformed YAML: mapping values are not allowed in this context", 4, 10,
                  notes: [hint("a key must line up with the keys above it, and a value containing ': ' must be quoted")]),
        ])
    }

    @Test func unclosedFlowSequence() {
        let yaml = """
            name: notes
            fields:
              status:
                type: enum
                values: [draft, published
              title: string
            """
        #expect(diagnostics(yaml) == [
            error("malformed YAML: did not find expected ',' or ']'", 6, 8,
                  notes: [note("while parsing a flow sequence", 5, 13)]),
        ])
    }

    @Test func unclosedFlowMapping() {
        let yaml = """
            name: notes
            fields:
              tags: { type: array, items: string
              title: string
            """
        #expect(diagnostics(yaml) == [
            error("malformed YAML: did not find expected ',' or '}'", 4, 8,
                  notes: [note("while parsing a flow mapping", 3, 9)]),
        ])
    }

    @Test func tabIndentation() {
        #expect(diagnostics("name: notes\nfields:\n\ttitle: string\n") == [
            error("malformed YAML: found character that cannot start any token", 3, 1,
                  notes: [note("while scanning for the next token", 3, 1), hint("YAML forbids tabs for indentation; use spaces")]),
        ])
    }

    @Test func secondDocument() {
        let yaml = """
            name: notes
            fields:
              title: string
            ---
            name: other
            fields:
              body: text
            """
        #expect(diagnostics(yaml) == [
            error("malformed YAML: expected a single document in the stream, but found another document", 4, 1,
                  notes: [hint("a schema file is one YAML document: put each collection in its own file")]),
        ])
    }

    @Test func emptyFile() {
        #expect(diagnostics("# nothing here\n") == [
            error("the file is empty", 1, 1,
                  notes: [hint("a schema file declares a collection (`name`, `fields`, …) or shared `enums`")]),
        ])
    }

    @Test func fileThatIsNotAMapping() {
        #expect(diagnostics("- notes\n- users\n") == [
            error("a schema file must be a mapping of keys to values", 1, 1),
        ])
    }
}

@Suite("Diagnostics: unknown keys")
struct UnknownKeyDiagnosticsTests: SchemaTestSupport {
    @Test func collectionLevel() {
        let yaml = """
            name: notes
            timestamp: false
            requird: true
            fields:
              title: string
            """
        #expect(diagnostics(yaml) == [
            error("unknown key 'timestamp' in a schema file", 2, 1, notes: [hint("did you mean 'timestamps'?")]),
            error("unknown key 'requird' in a schema file", 3, 1, notes: [
                hint("expected one of: name, model, description, id, timestamps, softDelete, version, principal, enums, fields, indexes, access, queue, renamedFrom, lint, referenceColumns"),
            ]),
        ])
    }

    @Test func fieldLevel() {
        let yaml = """
            name: notes
            fields:
              title: { type: string, requird: true }
              settings:
                type: object
                fields:
                  theme: { type: string, colum: theme_name }
            """
        #expect(diagnostics(yaml) == [
            error("unknown key 'requird' in field 'title'", 3, 26, notes: [hint("did you mean 'required'?")]),
            error("unknown key 'colum' in field 'theme'", 7, 30, notes: [hint("did you mean 'column'?")]),
        ])
    }

    @Test func arrayItemsLevel() {
        let yaml = """
            name: notes
            fields:
              tags:
                type: array
                items: { type: string, required: true, maxLenght: 20 }
            """
        #expect(diagnostics(yaml) == [
            error("'required' does not apply to the items of 'tags'", 5, 28,
                  notes: [hint("set it on the array field 'tags' itself")]),
            error("unknown key 'maxLenght' in the items of 'tags'", 5, 44, notes: [hint("did you mean 'maxLength'?")]),
        ])
    }

    @Test func indexLevel() {
        let yaml = """
            name: notes
            fields:
              title: string
            indexes:
              - fields: [title]
                uniqe: true
            """
        #expect(diagnostics(yaml) == [
            error("unknown key 'uniqe' in an index", 6, 5, notes: [hint("did you mean 'unique'?")]),
        ])
    }

    @Test func indexConditionLevel() {
        let yaml = """
            name: notes
            fields:
              title: string
              status: { type: enum, values: [draft, done] }
            indexes:
              - fields: [title]
                where: { status: { nott: draft } }
            """
        // One error for one problem: the unknown key, not also the shape of the condition.
        #expect(diagnostics(yaml) == [
            error("unknown key 'nott' in the condition on 'status'", 7, 24, notes: [hint("did you mean 'not'?")]),
        ])
    }

    @Test func accessLevel() {
        let yaml = """
            name: notes
            fields:
              title: string
            access:
              red: [public]
              update: [{ ownr: author }]
            """
        #expect(diagnostics(yaml) == [
            error("unknown key 'red' in 'access'", 5, 3, notes: [hint("did you mean 'read'?")]),
            error("unknown key 'ownr' in an access rule", 6, 14, notes: [hint("did you mean 'owner'?")]),
        ])
    }

    @Test func enumLevel() {
        let yaml = """
            enums:
              Priority:
                descripton: How urgent.
                values: [low, { value: high, cas: urgent }]
            """
        #expect(diagnostics(yaml) == [
            error("unknown key 'descripton' in enum 'Priority'", 3, 5, notes: [hint("did you mean 'description'?")]),
            error("unknown key 'cas' in an enum value", 4, 34, notes: [hint("did you mean 'case'?")]),
        ])
    }
}

@Suite("Diagnostics: types and references")
struct TypeAndReferenceDiagnosticsTests: SchemaTestSupport {
    static let knownTypes = "known types: string, text, int, int16, int32, int64, double, decimal, bool, datetime, timestamp, date, bytes, uuid, email, url, json, enum, object, array, ref, refs, vector"

    @Test func unknownType() {
        let yaml = """
            name: notes
            fields:
              title: strng
              count: { type: integer }
              tags: strin[]
            """
        #expect(diagnostics(yaml) == [
            error("unknown type 'strng' for field 'title'", 3, 10, notes: [hint("did you mean 'string'?")]),
            error("unknown type 'integer' for field 'count'", 4, 18, notes: [hint(Self.knownTypes)]),
            error("unknown type 'strin' for the items of field 'tags'", 5, 9, notes: [hint("did you mean 'string'?")]),
        ])
    }

    @Test func referenceToMissingCollection() {
        let yaml = """
            name: notes
            fields:
              author: { type: ref, to: user }
              editors: { type: refs, to: notez }
            """
        #expect(diagnostics(yaml) == [
            error("field 'author' refers to unknown collection 'user'", 3, 28, notes: [hint("known collections: notes")]),
            error("field 'editors' refers to unknown collection 'notez'", 4, 30, notes: [hint("did you mean 'notes'?")]),
        ])
    }

    @Test func unknownSharedEnum() {
        let yaml = """
            name: notes
            enums:
              Priority: [low, high]
            fields:
              urgency: { type: enum, enum: Priorty }
            """
        #expect(diagnostics(yaml) == [
            error("unknown enum 'Priorty'", 5, 32, notes: [hint("did you mean 'Priority'?")]),
        ])
    }

    @Test func indexPathNamingMissingField() {
        let yaml = """
            name: notes
            fields:
              title: string
              settings:
                type: object
                fields:
                  theme: string
            indexes:
              - fields: [titl]
              - fields: [settings.colour]
              - fields: [title.length]
            """
        #expect(diagnostics(yaml) == [
            error("an index names unknown field 'titl': collection 'notes' has no field 'titl'", 9, 14,
                  notes: [hint("did you mean 'title'?")]),
            error("an index names unknown field 'settings.colour': 'settings' has no field 'colour'", 10, 14),
            error("an index names 'title.length', but 'title' is not an object", 11, 14),
        ])
    }

    @Test func accessPathNamingMissingField() {
        let files = [
            (path: "schemas/a.yaml", yaml: """
                name: users
                principal: true
                fields:
                  email: email
                """),
            (path: "schemas/b.yaml", yaml: """
                name: notes
                fields:
                  creator: { type: ref, to: users }
                access:
                  read: [{ owner: creater }]
                  update: [{ owner: project.createdBy }]
                """),
        ]
        #expect(diagnostics(files) == [
            error("'{ owner: creater }': collection 'notes' has no field 'creater'", 5, 19, in: "schemas/b.yaml",
                  notes: [hint("did you mean 'creator'?")]),
            error("'{ owner: project.createdBy }': collection 'notes' has no field 'project'", 6, 21, in: "schemas/b.yaml"),
        ])
    }

    @Test func accessPathEndingAtTheWrongReference() {
        let files = [
            (path: "schemas/a.yaml", yaml: """
                name: users
                principal: true
                fields:
                  email: email
                """),
            (path: "schemas/b.yaml", yaml: """
                name: notes
                fields:
                  parent: { type: ref, to: notes }
                  creator: { type: ref, to: users }
                access:
                  read: [{ owner: parent }, { member: creator }]
                """),
        ]
        #expect(diagnostics(files) == [
            error("'{ owner: parent }' must end at a ref field to 'users'; 'parent' in 'notes' is ref to 'notes'", 6, 19,
                  in: "schemas/b.yaml"),
            error("'{ member: creator }' must end at a refs field to 'users'; 'creator' in 'notes' is ref to 'users'", 6, 39,
                  in: "schemas/b.yaml"),
        ])
    }
}

@Suite("Diagnostics: duplicates")
struct DuplicateDiagnosticsTests: SchemaTestSupport {
    @Test func duplicateCollection() {
        let files = [
            (path: "schemas/a.yaml", yaml: """
                name: notes
                fields:
                  title: string
                """),
            (path: "schemas/b.yaml", yaml: """
                description: Another list of notes.
                name: notes
                fields:
                  body: text
                """),
        ]
        #expect(diagnostics(files) == [
            error("duplicate collection 'notes'", 2, 7, in: "schemas/b.yaml",
                  notes: [note("first defined here", 1, 7, in: "schemas/a.yaml")]),
        ])
    }

    @Test func duplicateField() {
        let yaml = """
            name: notes
            fields:
              title: string
              body: text
              title: { type: string, required: true }
            """
        #expect(diagnostics(yaml) == [
            error("duplicate key 'title'", 5, 3, notes: [note("first defined here", 3, 3)]),
        ])
    }

    @Test func duplicateNestedField() {
        let yaml = """
            name: notes
            fields:
              settings:
                type: object
                fields:
                  theme: string
                  size: int
                  theme: text
            """
        #expect(diagnostics(yaml) == [
            error("duplicate key 'theme'", 8, 7, notes: [note("first defined here", 6, 7)]),
        ])
    }

    @Test func duplicateKeyInFlowMapping() {
        let yaml = """
            name: notes
            fields:
              title: { type: string, required: true, type: text }
              body: { type: text,
                      type: string }
            """
        // Both mappings' duplicates, though Yams stops at the first.
        #expect(diagnostics(yaml) == [
            error("duplicate key 'type'", 3, 42, notes: [note("first defined here", 3, 12)]),
            error("duplicate key 'type'", 5, 11, notes: [note("first defined here", 4, 11)]),
        ])
        let multiline = """
            name: notes
            fields:
              body: { type: text,
                      type: string }
            """
        #expect(diagnostics(multiline) == [
            error("duplicate key 'type'", 4, 11, notes: [note("first defined here", 3, 11)]),
        ])
    }

    @Test func duplicateKeyWithWindowsLineEndings() {
        #expect(diagnostics("name: notes\r\nfields:\r\n  title: string\r\n  title: text\r\n") == [
            error("duplicate key 'title'", 4, 3, notes: [note("first defined here", 3, 3)]),
        ])
    }

    @Test func duplicateEnumValue() {
        let yaml = """
            name: notes
            enums:
              Priority: [low, high, low]
            fields:
              status: { type: enum, values: [draft, published, draft] }
            """
        #expect(diagnostics(yaml) == [
            error("duplicate value 'low' in enum Priority", 3, 25, notes: [note("first defined here", 3, 14)]),
            error("duplicate value 'draft' in enum Note.Status", 5, 52, notes: [note("first defined here", 5, 34)]),
        ])
    }

    @Test func duplicateSharedEnum() {
        let files = [
            (path: "schemas/a.yaml", yaml: "enums:\n  Priority: [low, high]\n"),
            (path: "schemas/b.yaml", yaml: "enums:\n  Priority: [minor, major]\n"),
        ]
        #expect(diagnostics(files) == [
            error("duplicate enum 'Priority'", 2, 3, in: "schemas/b.yaml",
                  notes: [note("first defined here", 2, 3, in: "schemas/a.yaml")]),
        ])
    }
}

@Suite("Diagnostics: indexes")
struct IndexDiagnosticsTests: SchemaTestSupport {
    @Test func indexOverMissingField() {
        let yaml = """
            name: notes
            fields:
              title: string
            indexes:
              - fields: [status, title desc]
            """
        #expect(diagnostics(yaml) == [
            error("an index names unknown field 'status': collection 'notes' has no field 'status'", 5, 14),
        ])
    }

    @Test func indexConditionsThatTheDatabaseCannotBuild() {
        let yaml = """
            name: notes
            fields:
              title: string
              dueAt: datetime
              readers: { type: refs, to: notes }
            indexes:
              - fields: [title]
                where: { dueAt: now }
              - fields: [readers]
                where: { title: a }
            """
        #expect(diagnostics(yaml) == [
            error("the condition on 'dueAt' can only test for null: an index condition cannot depend on the time", 8, 14,
                  notes: [hint("use { isNull: true } or { isNull: false }")]),
            error("an index over the to-many reference 'readers' cannot have a 'where': it is built on the join table", 9, 5),
        ])
    }

    @Test func immutableWhereItCannotHold() {
        let yaml = """
            name: notes
            fields:
              parent: { type: ref, to: notes, immutable: true }
              tags: { type: refs, to: notes, immutable: true }
              meta: { type: object, immutable: true, fields: { a: string } }
            """
        #expect(diagnostics(yaml) == [
            error("immutable field 'parent' would have to change when its target is deleted ('onDelete: setNull')", 3, 46,
                  notes: [hint("use 'onDelete: cascade' or 'onDelete: restrict'")]),
            error("'immutable' does not apply to field 'tags': it has no column of its own", 4, 45,
                  notes: [hint("mark the fields of an object, not the object; a refs field changes through its links")]),
            error("'immutable' does not apply to field 'meta': it has no column of its own", 5, 36,
                  notes: [hint("mark the fields of an object, not the object; a refs field changes through its links")]),
        ])
    }

    @Test func indexNamingAFieldTwice() {
        let yaml = """
            name: notes
            fields:
              title: string
            indexes:
              - fields: [title, title desc]
            """
        #expect(diagnostics(yaml) == [
            error("the index names 'title' twice", 5, 21),
        ])
    }

    @Test func indexOverFieldInsideArray() {
        let yaml = """
            name: notes
            fields:
              chapters:
                type: array
                items:
                  type: object
                  fields:
                    heading: string
            indexes:
              - fields: [chapters.heading]
              - fields: [chapters]
            """
        #expect(diagnostics(yaml) == [
            error("an index cannot reach 'chapters.heading': 'chapters' is an array, stored as JSON", 10, 14),
            error("'chapters' is stored as JSON and cannot be indexed", 11, 14,
                  notes: [hint("give the index 'kind: json' (a GIN index on PostgreSQL, serving containment)")]),
        ])
    }

    @Test func textIndexOnNonStringField() {
        let yaml = """
            name: notes
            fields:
              title: string
              views: int
            indexes:
              - fields: [title, views]
                kind: text
            """
        #expect(diagnostics(yaml) == [
            error("a text index covers string and text fields, and 'views' is int", 6, 21),
        ])
    }

    @Test func indexOverWholeObject() {
        let yaml = """
            name: notes
            fields:
              settings: { type: object, fields: { theme: string } }
            indexes:
              - fields: [settings]
            """
        #expect(diagnostics(yaml) == [
            error("'settings' is an object: index its fields instead (such as 'settings.…')", 5, 14),
        ])
    }

    @Test func conditionValueOfTheWrongKind() {
        let yaml = """
            name: notes
            fields:
              title: string
              status: { type: enum, values: [draft, done] }
              parent: { type: ref, to: notes }
              archivedAt: datetime
            indexes:
              - fields: [title]
                where: { status: dne }
              - fields: [status]
                where: { parent: abc }
              - fields: [parent]
                where: { archivedAt: null }
            """
        #expect(diagnostics(yaml) == [
            error("value 'dne' of the condition on 'status' is not one of its values", 9, 22,
                  notes: [hint("did you mean 'done'?")]),
            error("the condition on 'parent' cannot compare a value of type ref", 11, 22,
                  notes: [hint("test it with { isNull: true/false }")]),
            error("the value of the condition on 'archivedAt' is null", 13, 26,
                  notes: [hint("test for null with { isNull: true }")]),
        ])
    }
}

@Suite("Diagnostics: defaults and constraints")
struct ConstraintDiagnosticsTests: SchemaTestSupport {
    @Test func defaultBreakingItsOwnConstraints() {
        let yaml = """
            name: notes
            fields:
              title: { type: string, maxLength: 5, default: "far too long" }
              code: { type: string, minLength: 3, default: ab }
              slug: { type: string, pattern: "^[a-z]+$", default: Hello }
              rating: { type: int, min: 1, max: 5, default: 7 }
              ratio: { type: double, min: 0.5, default: 0.25 }
              contact: { type: email, default: nobody }
              tags: { type: "string[]", maxItems: 1, default: [a, b] }
            """
        #expect(diagnostics(yaml) == [
            error("default 'far too long' of field 'title' is longer than its 'maxLength' (5)", 3, 49),
            error("default 'ab' of field 'code' is shorter than its 'minLength' (3)", 4, 48),
            error("default 'Hello' of field 'slug' does not match its 'pattern'", 5, 55),
            error("default 7 of field 'rating' is greater than its 'max' (5)", 6, 49),
            error("default 0.25 of field 'ratio' is less than its 'min' (0.5)", 7, 45),
            error("default 'nobody' of field 'contact' is not an e-mail address", 8, 36),
            error("default of field 'tags' has 2 items, more than 'maxItems' (1)", 9, 51),
        ])
    }

    @Test func defaultNotOneOfTheEnumValues() {
        let yaml = """
            name: notes
            fields:
              genre: { type: enum, values: [action, comedy, sci-fi], default: scifi }
              mood: { type: enum, values: [happy, sad], default: angry }
            """
        #expect(diagnostics(yaml) == [
            error("default 'scifi' of field 'genre' is not one of its values", 3, 67, notes: [hint("did you mean 'sci-fi'?")]),
            error("default 'angry' of field 'mood' is not one of its values", 4, 54, notes: [hint("values: happy, sad")]),
        ])
    }

    @Test func defaultOfTheWrongKind() {
        let yaml = """
            name: notes
            fields:
              count: { type: int, default: "3" }
              done: { type: bool, default: yes }
              title: { type: string, default: ~ }
              due: { type: datetime, default: tomorrow }
            """
        #expect(diagnostics(yaml) == [
            error("default '3' of field 'count' is not a whole number", 3, 32,
                  notes: [hint("remove the quotes: a quoted value is a string")]),
            error("default 'yes' of field 'done' must be true or false", 4, 32),
            error("the default of field 'title' is null", 5, 35, notes: [hint("leave 'default' out for no default")]),
            error("default 'tomorrow' of field 'due' is not allowed: a datetime default can only be 'now'", 6, 35),
        ])
    }

    @Test func minGreaterThanMax() {
        let yaml = """
            name: notes
            fields:
              rating: { type: int, min: 10, max: 5 }
              title:
                type: string
                minLength: 20
                maxLength: 10
              tags: { type: "string[]", minItems: 3, maxItems: 1 }
            """
        #expect(diagnostics(yaml) == [
            error("'min' (10) is greater than 'max' (5) for field 'rating'", 3, 29, notes: [note("'max' is here", 3, 38)]),
            error("'minLength' (20) is greater than 'maxLength' (10) for field 'title'", 6, 16,
                  notes: [note("'maxLength' is here", 7, 16)]),
            error("'minItems' (3) is greater than 'maxItems' (1) for field 'tags'", 8, 39,
                  notes: [note("'maxItems' is here", 8, 52)]),
        ])
    }

    @Test func boundsThatDoNotApplyAreNotAlsoCompared() {
        let yaml = """
            name: notes
            fields:
              title: { type: string, min: 10, max: 5 }
            """
        #expect(diagnostics(yaml) == [
            error("'min' does not apply to field 'title' of type string", 3, 31,
                  notes: [hint("'min' applies to int, int16, int32, int64 and double fields")]),
            error("'max' does not apply to field 'title' of type string", 3, 40,
                  notes: [hint("'max' applies to int, int16, int32, int64 and double fields")]),
        ])
    }
}

@Suite("Diagnostics: access rules")
struct AccessDiagnosticsTests: SchemaTestSupport {
    static let users = (path: "schemas/a_users.yaml", yaml: """
        name: users
        principal: true
        fields:
          email: email
        access:
          read: [self]
        """)

    @Test func ownerWithoutReferenceToPrincipal() {
        let notes = (path: "schemas/b_notes.yaml", yaml: """
            name: notes
            fields:
              title: string
            access:
              read: [owner]
            """)
        #expect(diagnostics([Self.users, notes]) == [
            error("'owner' needs a ref field to 'users', and collection 'notes' has none", 5, 10, in: notes.path,
                  notes: [hint("add a ref field to 'users', or name one through a reference: { owner: REFERENCE.FIELD }")]),
        ])
    }

    @Test func memberWithoutReferencesToPrincipal() {
        let boards = (path: "schemas/b_boards.yaml", yaml: """
            name: boards
            fields:
              owner: { type: ref, to: users }
            access:
              read: [owner, member]
            """)
        #expect(diagnostics([Self.users, boards]) == [
            error("'member' needs a refs field to 'users', and collection 'boards' has none", 5, 17, in: boards.path,
                  notes: [hint("add a refs field to 'users', or name one through a reference: { member: REFERENCE.FIELD }")]),
        ])
    }

    /// When a reference leads to a collection that has the field, the hint names the whole path.
    @Test func ownerHintThroughAReference() {
        let boards = (path: "schemas/b_boards.yaml", yaml: """
            name: boards
            fields:
              owner: { type: ref, to: users }
              members: { type: refs, to: users }
            """)
        let cards = (path: "schemas/c_cards.yaml", yaml: """
            name: cards
            fields:
              board: { type: ref, to: boards, required: true }
            access:
              read: [owner, member]
            """)
        #expect(diagnostics([Self.users, boards, cards]) == [
            error("'owner' needs a ref field to 'users', and collection 'cards' has none", 5, 10, in: cards.path,
                  notes: [hint("name one through a reference, such as { owner: board.owner }")]),
            error("'member' needs a refs field to 'users', and collection 'cards' has none", 5, 17, in: cards.path,
                  notes: [hint("name one through a reference, such as { member: board.members }")]),
        ])
    }

    @Test func ambiguousOwner() {
        let notes = (path: "schemas/b_notes.yaml", yaml: """
            name: notes
            fields:
              author: { type: ref, to: users }
              editor: { type: ref, to: users }
            access:
              update: [owner]
            """)
        #expect(diagnostics([Self.users, notes]) == [
            error("'owner' is ambiguous: collection 'notes' has several ref fields to 'users'", 6, 12, in: notes.path,
                  notes: [hint("name one: { owner: author } or { owner: editor }")]),
        ])
    }

    @Test func selfOutsideThePrincipalCollection() {
        let notes = (path: "schemas/b_notes.yaml", yaml: """
            name: notes
            fields:
              title: string
            access:
              read: [authenticated, self]
            """)
        #expect(diagnostics([Self.users, notes]) == [
            error("'self' applies only to the principal collection", 5, 25, in: notes.path,
                  notes: [hint("the principal collection is 'users'")]),
        ])
    }

    @Test func noPrincipalCollection() {
        let yaml = """
            name: notes
            fields:
              author: { type: ref, to: notes }
            access:
              read: [owner, { member: author }, self]
            """
        let markPrincipal = hint("mark the collection of users with 'principal: true'")
        #expect(diagnostics(yaml) == [
            error("'owner' needs a principal collection, and none is marked", 5, 10, notes: [markPrincipal]),
            error("'member' needs a principal collection, and none is marked", 5, 27, notes: [markPrincipal]),
            error("'self' applies only to the principal collection", 5, 37, notes: [markPrincipal]),
        ])
    }

    @Test func twoPrincipalCollections() {
        let admins = (path: "schemas/b_admins.yaml", yaml: """
            name: admins
            principal: true
            fields:
              email: email
            """)
        #expect(diagnostics([Self.users, admins]) == [
            error("only one collection may be the principal", 2, 12, in: admins.path,
                  notes: [note("'users' already is", 2, 12, in: Self.users.path)]),
        ])
    }

    @Test func unknownRule() {
        let yaml = """
            name: notes
            fields:
              title: string
            access:
              read: publc
            """
        #expect(diagnostics(yaml) == [
            error("unknown access rule 'publc'", 5, 9, notes: [hint("did you mean 'public'?")]),
        ])
    }

    @Test func ruleOfTheWrongShape() {
        let yaml = """
            name: notes
            fields:
              title: string
            access:
              update: [{ owner: a, member: b }]
              delete: [{ owner: [a] }]
            """
        #expect(diagnostics(yaml) == [
            error("an access rule is a keyword or one of { owner: FIELD }, { member: FIELD }, { role: NAME }, { all: [RULE, …] }", 5, 12),
            error("an access rule's field must be a single value, not a list or mapping", 6, 21),
        ])
    }
}

@Suite("Diagnostics: names")
struct NameDiagnosticsTests: SchemaTestSupport {
    @Test func fieldNameWithoutIdentifier() {
        let yaml = """
            name: notes
            fields:
              "---": string
              title: string
            """
        #expect(diagnostics(yaml) == [
            error("field name '---' has no letters or digits to make a Swift property from", 3, 3),
        ])
    }

    @Test func fieldNamesCollidingAsSwiftProperties() {
        let yaml = """
            name: notes
            fields:
              userId: uuid
              user_id: uuid
            """
        #expect(diagnostics(yaml) == [
            error("fields 'userId' and 'user_id' would both be Swift property 'userId' of Note", 4, 3,
                  notes: [note("'userId' is here", 3, 3)]),
        ])
    }

    @Test func fieldNamesCollidingAsColumns() {
        let yaml = """
            name: notes
            fields:
              userId: uuid
              owner: { type: uuid, column: user_id }
              settings: { type: object, fields: { theme: string } }
              settingsTheme: string
            """
        #expect(diagnostics(yaml) == [
            error("fields 'userId' and 'owner' would both be column 'user_id' of table 'notes'", 4, 3,
                  notes: [note("'userId' is here", 3, 3), hint("rename one, or set 'column:'")]),
            error("fields 'settings.theme' and 'settingsTheme' would both be column 'settings_theme' of table 'notes'", 6, 3,
                  notes: [note("'settings.theme' is here", 5, 39), hint("rename one, or set 'column:'")]),
        ])
    }

    @Test func fieldNameTakenBySchemagen() {
        let yaml = """
            name: notes
            fields:
              id: uuid
              created_at: datetime
            """
        #expect(diagnostics(yaml) == [
            error("field 'id' is declared by schemagen", 3, 3, notes: [hint("remove it: every record has an 'id'")]),
            error("field 'created_at' would become property 'createdAt', which schemagen declares", 4, 3),
        ])
    }

    @Test func enumValuesCollidingAsCaseNames() {
        let yaml = """
            name: notes
            fields:
              status: { type: enum, values: [active, on-hold, on_hold] }
            """
        #expect(diagnostics(yaml) == [
            error("enum values 'on-hold' and 'on_hold' both become Swift case 'onHold'", 3, 51,
                  notes: [note("'on-hold' is here", 3, 42),
                          hint("name one of the cases: { value: \"on_hold\", case: otherName }")]),
        ])
    }

    @Test func enumValueWithoutCaseName() {
        let yaml = """
            name: notes
            fields:
              rating: { type: enum, values: [good, "!!"] }
            """
        #expect(diagnostics(yaml) == [
            error("enum value '!!' has no letters or digits to make a Swift case name from", 3, 40,
                  notes: [hint("name the case: { value: \"!!\", case: someName }")]),
        ])
    }

    @Test func modelNameHidingSwiftType() {
        #expect(diagnostics("name: tasks\nfields:\n  title: string\n") == [
            error("type name 'Task' of the model of collection 'tasks' would hide Swift's own 'Task'", 1, 7,
                  notes: [hint("choose another name with 'model:'")]),
        ])
        #expect(diagnostics("name: jobs\nmodel: Task\nfields:\n  title: string\n") == [
            error("type name 'Task' of the model of collection 'jobs' would hide Swift's own 'Task'", 2, 8,
                  notes: [hint("choose another name with 'model:'")]),
        ])
    }

    @Test func modelNameThatIsNotATypeName() {
        #expect(diagnostics("name: notes\nmodel: note\nfields:\n  title: string\n") == [
            error("'note' cannot be a Swift type name for the model of collection 'notes': use letters and digits, starting with a capital",
                  2, 8, notes: [hint("did you mean 'Note'?")]),
        ])
    }

    @Test func tableNamesColliding() {
        let files = [
            (path: "schemas/a.yaml", yaml: "name: promptTemplates\nfields:\n  title: string\n"),
            (path: "schemas/b.yaml", yaml: "name: prompt_templates\nmodel: Template\nfields:\n  body: text\n"),
        ]
        #expect(diagnostics(files) == [
            error("collections 'promptTemplates' and 'prompt_templates' would both be table 'prompt_templates'", 1, 7,
                  in: "schemas/b.yaml", notes: [note("'promptTemplates' is here", 1, 7, in: "schemas/a.yaml")]),
        ])
    }
}

@Suite("Diagnostics: reporting")
struct DiagnosticsReportingTests: SchemaTestSupport {
    /// Two files with several resolve errors each, given out of order.
    static let files = [
        (path: "schemas/b.yaml", yaml: """
            name: notes
            fields:
              title: { type: string, maxLength: 3, default: toolong }
              author: { type: ref, to: user }
            indexes:
              - fields: [body]
            """),
        (path: "schemas/a.yaml", yaml: """
            name: users
            fields:
              name: strng
              age: { type: int, min: 5, max: 1 }
            """),
    ]

    @Test func everyProblemIsReportedSortedByFileAndLine() {
        #expect(diagnostics(Self.files) == [
            error("unknown type 'strng' for field 'name'", 3, 9, in: "schemas/a.yaml", notes: [hint("did you mean 'string'?")]),
            error("'min' (5) is greater than 'max' (1) for field 'age'", 4, 26, in: "schemas/a.yaml",
                  notes: [note("'max' is here", 4, 34, in: "schemas/a.yaml")]),
            error("default 'toolong' of field 'title' is longer than its 'maxLength' (3)", 3, 49, in: "schemas/b.yaml"),
            error("field 'author' refers to unknown collection 'user'", 4, 28, in: "schemas/b.yaml",
                  notes: [hint("did you mean 'users'?")]),
            error("an index names unknown field 'body': collection 'notes' has no field 'body'", 6, 14, in: "schemas/b.yaml"),
        ])
    }

    @Test func everyLoadProblemIsReportedAcrossFiles() {
        let files = [
            (path: "schemas/b.yaml", yaml: "name: notes\nfields:\n  title: { type: string, requird: true }\n  body: [text\n"),
            (path: "schemas/a.yaml", yaml: "name: users\nprincipal: yes\nfields:\n  email: { type: email, uniqe: true }\n"),
        ]
        #expect(diagnostics(files) == [
            error("'principal' must be true or false, not 'yes'", 2, 12, in: "schemas/a.yaml"),
            error("unknown key 'uniqe' in field 'email'", 4, 25, in: "schemas/a.yaml", notes: [hint("did you mean 'unique'?")]),
            error("malformed YAML: did not find expected ',' or ']'", 5, 1, in: "schemas/b.yaml",
                  notes: [note("while parsing a flow sequence", 4, 9, in: "schemas/b.yaml")]),
        ])
    }

    /// Load problems don't hide Resolve problems; a field whose definition failed is not then
    /// reported as unknown where it is used.
    @Test func loadAndResolveProblemsAreReportedTogether() {
        let files = [
            (path: "schemas/a.yaml", yaml: "name: users\nprincipal: true\nfields:\n  email: { type: email, uniqe: true }\n"),
            (path: "schemas/b.yaml", yaml: """
                name: notes
                fields:
                  title: { type: string, default: 5, maxLength: 0 }
                  status: { type: enum, values: [a, b], sorted: true }
                  author: { type: ref, to: user }
                  body: [text]
                indexes:
                  - fields: [status, body, titel]
                access:
                  read: [owner]
                """),
        ]
        #expect(diagnostics(files) == [
            error("unknown key 'uniqe' in field 'email'", 4, 25, in: "schemas/a.yaml", notes: [hint("did you mean 'unique'?")]),
            error("default '5' of field 'title' is longer than its 'maxLength' (0)", 3, 35, in: "schemas/b.yaml"),
            error("unknown key 'sorted' in field 'status'", 4, 41, in: "schemas/b.yaml",
                  notes: [hint("expected one of: \(SchemaLoader.fieldKeys.joined(separator: ", "))")]),
            error("field 'author' refers to unknown collection 'user'", 5, 28, in: "schemas/b.yaml", notes: [hint("did you mean 'users'?")]),
            error("field 'body' must be a mapping of keys to values", 6, 9, in: "schemas/b.yaml"),
            error("an index names unknown field 'titel': collection 'notes' has no field 'titel'", 8, 28, in: "schemas/b.yaml",
                  notes: [hint("did you mean 'title'?")]),
        ])
    }

    /// libyaml stops at a duplicate key; the loader hides the repeat and reads on, so every
    /// duplicate and every other problem of the file is reported.
    @Test func duplicateKeysDoNotHideTheRestOfTheFile() {
        let yaml = """
            name: notes
            fields:
              title: string
              body: text
              title: text
              body: { type: text, maxLenght: 5 }
              author: { type: ref, to: user }
            """
        #expect(diagnostics(yaml) == [
            error("duplicate key 'title'", 5, 3, notes: [note("first defined here", 3, 3)]),
            error("duplicate key 'body'", 6, 3, notes: [note("first defined here", 4, 3)]),
            // The repeated definition itself is left out (so its 'maxLenght' goes unreported).
            error("field 'author' refers to unknown collection 'user'", 7, 28, notes: [hint("known collections: notes")]),
        ])
    }

    @Test func descriptionFormatsLikeACompiler() throws {
        let error = try #require(resolveError(Self.files))
        #expect(error.description == """
            schemas/a.yaml:3:9: error: unknown type 'strng' for field 'name'
            schemas/a.yaml:3:9: note: did you mean 'string'?
            schemas/a.yaml:4:26: error: 'min' (5) is greater than 'max' (1) for field 'age'
            schemas/a.yaml:4:34: note: 'max' is here
            schemas/b.yaml:3:49: error: default 'toolong' of field 'title' is longer than its 'maxLength' (3)
            schemas/b.yaml:4:28: error: field 'author' refers to unknown collection 'user'
            schemas/b.yaml:4:28: note: did you mean 'users'?
            schemas/b.yaml:6:14: error: an index names unknown field 'body': collection 'notes' has no field 'body'
            5 errors
            """)
    }

    @Test func descriptionOfOneError() throws {
        let error = try #require(resolveError([(schemaPath, "name: notes\nfields:\n  title: strng\n")]))
        #expect(error.description == """
            schemas/x.yaml:3:10: error: unknown type 'strng' for field 'title'
            schemas/x.yaml:3:10: note: did you mean 'string'?
            1 error
            """)
    }

    @Test func validSchemasHaveNoDiagnostics() throws {
        let schema = try resolved([
            (path: "schemas/a.yaml", yaml: "name: users\nprincipal: true\nfields:\n  email: { type: email, unique: true }\n"),
            (path: "schemas/b.yaml", yaml: """
                name: notes
                fields:
                  title: { type: string, required: true, maxLength: 200, default: Untitled }
                  author: { type: ref, to: users, required: true }
                  editors: { type: refs, to: users }
                access:
                  read: [owner, member, admin]
                """),
        ])
        #expect(schema.collections.map(\.name) == ["users", "notes"])
    }
}
