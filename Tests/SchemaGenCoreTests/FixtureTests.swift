import Foundation
import SchemaRuntime
import Testing
@testable import SchemaGenCore

/// The sample data, checked against the resolved schema: determinism, coverage of every enum
/// value and field, references, unique keys and the sample users. Loading into real databases
/// and the validators are tested in StudioModelsTests and SQLSchemaTests.
@Suite("Fixtures")
struct FixtureTests {
    static let folders = ["schemas", "Tests/Fixtures/KitchenSink/schemas"]

    static func schema(_ folder: String) throws -> Schema {
        try Generator(schemasDirectory: packageRoot + "/" + folder).resolve()
    }

    static func files(_ folder: String, seed: UInt64 = 1, rows: Int = 8) throws -> [GeneratedFile] {
        var options = GenerationOptions()
        options.outputs = [.fixtures]
        options.fixtures.seed = seed
        options.fixtures.rows = rows
        return Pipeline.render(try schema(folder), options: options)
    }

    @Test(arguments: folders)
    func sameSeedSameBytesOtherSeedOtherData(folder: String) throws {
        let first = try Self.files(folder)
        let again = try Self.files(folder)
        let other = try Self.files(folder, seed: 2)
        #expect(first.map(\.path) == again.map(\.path))
        #expect(first.map(\.contents) == again.map(\.contents))
        #expect(first.map(\.path) == other.map(\.path))
        for (a, b) in zip(first, other) {
            #expect(a.contents != b.contents, "\(a.path) is the same with seed 2")
        }
    }

    @Test func rowCountsFollowTheOptions() throws {
        let schema = try Self.schema("schemas")
        var options = FixtureOptions()
        options.rows = 20
        options.rowsPerCollection = ["media": 3, "users": 1]
        let fixtures = Pipeline.fixtures(schema, options: options)
        for collection in schema.collections {
            let expected = ["media": 3, "users": 1][collection.name] ?? 20
            #expect(fixtures.rows(of: collection.name).count == expected, "\(collection.name)")
        }
        // By default: enough rows that every value of the largest enum appears (media has 11 types).
        let defaults = Pipeline.fixtures(schema)
        #expect(defaults.rows(of: "media").count == 12)
        #expect(defaults.rows(of: "projects").count == 9)
    }

    @Test(arguments: folders)
    func everyFieldAndEnumValueAppears(folder: String) throws {
        let schema = try Self.schema(folder)
        let fixtures = Pipeline.fixtures(schema)
        for collection in schema.collections {
            let documents = fixtures.rows(of: collection.name).map(\.document)
            for (path, field) in Self.fieldPaths(collection.fields, prefix: []) where field.role != .deletedAt {
                let values = documents.flatMap { Self.values(at: path, in: $0) }
                #expect(!values.isEmpty, "\(collection.name).\(path.joined(separator: ".")) never appears")
                if case .enumeration(let enumType) = field.type {
                    let seen = Set(values.compactMap(\.string))
                    let missing = enumType.cases.map(\.value).filter { !seen.contains($0) }
                    #expect(missing.isEmpty, "\(collection.name).\(path.joined(separator: ".")) never has \(missing)")
                }
            }
        }
    }

    @Test(arguments: folders)
    func referencesPointAtRowsThatExistAndUniqueKeysDiffer(folder: String) throws {
        let schema = try Self.schema(folder)
        let fixtures = Pipeline.fixtures(schema)
        for collection in schema.collections {
            let documents = fixtures.rows(of: collection.name).map(\.document)
            for (path, field) in Self.fieldPaths(collection.fields, prefix: []) {
                let target: String
                switch field.type {
                case .reference(let reference), .references(let reference): target = reference.target
                case .array(let element):
                    guard case .reference(let reference) = element.type else { continue }
                    target = reference.target
                default: continue
                }
                let ids = Set(fixtures.rows(of: target).map(\.id))
                for value in documents.flatMap({ Self.values(at: path, in: $0) }) {
                    // A key is text, or a number for an integer key.
                    let key = { (value: FixtureValue) -> String in
                        if case .int(let number) = value { return String(number) }
                        return value.string ?? ""
                    }
                    let referenced = if case .array(let items) = value { items.map(key) } else { [key(value)] }
                    for id in referenced {
                        #expect(ids.contains(id), "\(collection.name).\(path.joined(separator: ".")) points at \(id), not a \(target) row")
                    }
                }
            }
            var keys = collection.indexes.filter(\.isUnique).map { $0.keys.map(\.field.path) }
            keys += collection.declaredFieldsDeep.filter(\.isUnique).map { [$0.path] }
            keys.append([["id"]])
            for key in keys {
                let tuples = documents.compactMap { document -> [FixtureValue]? in
                    let values = key.map { document.value(at: $0) }
                    return values.contains { $0 == nil } ? nil : values.compactMap { $0 }
                }
                #expect(Set(tuples.map { FixtureJSON.compact(.array($0)) }).count == tuples.count,
                        "\(collection.name): unique key \(key) repeats")
            }
        }
    }

    @Test func sampleUsersOwnShareAndAreKeptOut() throws {
        let schema = try Self.schema("schemas")
        let fixtures = Pipeline.fixtures(schema)
        #expect(fixtures.sampleUsers.map(\.part) == SampleUser.Part.allCases)
        let users = fixtures.rows(of: "users")
        for user in fixtures.sampleUsers {
            let row = try #require(users.first { $0.id == user.id })
            #expect(row.document["role"]?.string == user.role)
            #expect(row.document["email"]?.string == "\(user.part.rawValue)@example.com")
            #expect(user.role == (user.part == .admin ? "admin" : "user"))
        }
        // Password hashes look like argon2id output and differ per user.
        let hashes = users.compactMap { $0.document["password"]?.string }
        #expect(hashes.count == users.count && Set(hashes).count == hashes.count)
        #expect(hashes.allSatisfy { $0.hasPrefix("$argon2id$v=19$") })

        // Each of owner, collaborator and outsider owns projects; the owner and the collaborator
        // share theirs with each other; the outsider's are shared with nobody.
        let owner = try #require(fixtures.sampleUser(.owner)).id
        let collaborator = try #require(fixtures.sampleUser(.collaborator)).id
        let outsider = try #require(fixtures.sampleUser(.outsider)).id
        let projects = fixtures.rows(of: "projects").map(\.document)
        func members(_ project: FixtureValue) -> [String] {
            if case .array(let items)? = project["collaborators"] { return items.compactMap(\.string) }
            return []
        }
        for (user, partner) in [(owner, collaborator), (collaborator, owner)] {
            let own = projects.filter { $0["createdBy"]?.string == user && $0["collaborators"] != nil }
            #expect(!own.isEmpty)
            #expect(own.allSatisfy { members($0) == [partner] })
        }
        let outsiders = projects.filter { $0["createdBy"]?.string == outsider }
        #expect(!outsiders.isEmpty && outsiders.allSatisfy { members($0).isEmpty })
        #expect(!projects.contains { members($0).contains(outsider) })
    }

    @Test func sessionsBelongToSomeoneWhoSeesTheirProject() throws {
        let fixtures = Pipeline.fixtures(try Self.schema("schemas"))
        let projects = Dictionary(uniqueKeysWithValues: fixtures.rows(of: "projects").map { ($0.id, $0.document) })
        for session in fixtures.rows(of: "sessions").map(\.document) {
            let project = try #require(projects[session["project"]?.string ?? ""])
            var allowed = [project["createdBy"]?.string]
            if case .array(let items)? = project["collaborators"] { allowed += items.map(\.string) }
            #expect(allowed.contains(session["user"]?.string))
        }
    }

    /// An integer key is a bare number wherever the scripts name it (the UPDATEs' WHERE, both
    /// columns of a join table), not `'4'`: text PostgreSQL casts and a reviewer misreads.
    @Test(arguments: SQLDialect.allCases)
    func integerKeysAreBareNumbersInTheScripts(dialect: SQLDialect) throws {
        let schema = try Self.schema("Tests/Fixtures/KitchenSink/schemas")
        let statements = FixtureSQL.statements(Pipeline.fixtures(schema), schema: schema, dialect: dialect)
        func matches(_ text: String, _ pattern: String) -> Bool { text.range(of: pattern, options: .regularExpression) != nil }
        let albumUpdates = statements.filter { $0.sql.hasPrefix("UPDATE albums ") }
        #expect(!albumUpdates.isEmpty)
        for update in albumUpdates {
            #expect(matches(update.sql, #"WHERE album_id = [0-9]+;$"#), "\(update.sql)")
        }
        // tracks (int64 key) → genres (int32 key, column genre_id).
        let moods = try #require(statements.first { $0.table == "tracks_moods" })
        let pairs = moods.sql.split(separator: "\n").filter { $0.hasPrefix("    (") }
        #expect(!pairs.isEmpty)
        for pair in pairs { #expect(matches(String(pair), #"^    \([0-9]+, [0-9]+, [0-9]+\),?$"#), "\(pair)") }
        // No statement compares an integer key with text.
        for statement in statements { #expect(!matches(statement.sql, #"WHERE [a-z_]+ = '[0-9]+'"#), "\(statement.sql)") }
    }

    /// A decimal is exact either way: a bare `numeric` on PostgreSQL, its digits as TEXT on SQLite
    /// (a bare number there would be stored as a REAL first).
    @Test func decimalsAreBareOnPostgresAndTextOnSQLite() {
        let decimal = FieldType.decimal(precision: 18, scale: 4)
        #expect(FixtureSQL.literal(.double(716153.63), decimal, .postgres) == "716153.63")
        #expect(FixtureSQL.literal(.int(99218), decimal, .postgres) == "99218")
        #expect(FixtureSQL.literal(.double(716153.63), decimal, .sqlite) == "'716153.63'")
        #expect(FixtureSQL.literal(.int(99218), decimal, .sqlite) == "'99218'")
    }

    @Test func rowsATimeToLiveCanExpireAreNotReferenced() throws {
        let schema = try Self.schema("schemas")
        let fixtures = Pipeline.fixtures(schema)
        let finished = fixtures.rows(of: "tasks").filter { ["completed", "failed", "cancelled"].contains($0.document["status"]?.string ?? "") }
        #expect(finished.count == 3)
        let expired = fixtures.expiredRows(in: schema, at: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(expired["tasks"] == Set(finished.map(\.id)))
        #expect(fixtures.expiredRows(in: schema, at: Date(timeIntervalSince1970: 1_767_603_600)).isEmpty)
        for task in fixtures.rows(of: "tasks") {
            guard case .array(let dependencies)? = task.document.value(at: ["input", "dependencies"]) else { continue }
            #expect(!dependencies.contains { dependency in finished.contains { $0.id == dependency.string } })
        }
    }

    @Test(arguments: [#"^[a-z]+/[a-z0-9.+-]+$"#, ##"^[A-Z]{2}-\d+"#$"##, #"^(?:v|V)\d{1,3}(\.\d+)?$"#, #"^[^@\s]+@example\.(com|org)$"#, #"^#[0-9a-f]{6}$"#])
    func patternSamplesMatch(pattern: String) throws {
        let check = try #require(ValidationPattern(checking: pattern))
        var random = SeededRandom(seed: 7)
        for _ in 0..<50 {
            let sample = try #require(PatternSampler.sample(pattern, random: &random))
            #expect(check.matches(sample), "\(sample) does not match \(pattern)")
        }
    }

    @Test func patternsBeyondTheSubsetGiveNothing() {
        var random = SeededRandom(seed: 7)
        #expect(PatternSampler.sample(#"^(?=a)b$"#, random: &random) == nil)
        #expect(PatternSampler.sample(#"\bword"#, random: &random) == nil)
    }

    @Test func configurationReadsFixtureSettings() throws {
        let configuration = try Configuration.parse("fixtures: { seed: 7, rows: 12, counts: { media: 30 } }\n", path: "schemagen.yaml")
        #expect(configuration.options.fixtures.seed == 7)
        #expect(configuration.options.fixtures.rows == 12)
        #expect(configuration.options.fixtures.rowsPerCollection == ["media": 30])
        do {
            _ = try Configuration.parse("fixtures:\n  rows: 0\n  sead: 3\n", path: "schemagen.yaml")
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
                    == ["2:9 'rows' must be 1 or more, not 0", "3:3 unknown key 'sead' in 'fixtures'"])
        }
    }

    @Test(arguments: folders)
    func everyDocsPageShowsAFixtureRowWithSensitiveValuesRedacted(folder: String) throws {
        let schema = try Self.schema(folder)
        let fixtures = Pipeline.fixtures(schema)
        var options = GenerationOptions()
        options.outputs = [.docs]
        let pages = Pipeline.render(schema, options: options)
        for collection in schema.collections {
            let page = try #require(pages.first { $0.path == "Docs/\(collection.name).md" }).contents
            let block = try #require(page.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "\n```").first,
                                     "\(collection.name): no example")
            let example = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
            let rows = fixtures.rows(of: collection.name)
            let row = rows.count > 2 ? rows[1] : rows[0]
            #expect(example["id"] as? String == row.id || (example["id"] as? Int).map(String.init) == row.id)
            for field in collection.declaredFieldsDeep where field.isSensitive {
                guard let value = row.document.value(at: field.path)?.string else { continue }
                #expect(!page.contains(value), "\(collection.name).\(field.dottedPath) is shown")
                #expect(field.path.count > 1 || example[field.name] as? String == "«redacted»")
            }
        }
    }

    // MARK: Walking documents

    /// Every field path (through objects and arrays of objects) with its field.
    static func fieldPaths(_ fields: [Field], prefix: [String]) -> [([String], Field)] {
        fields.flatMap { field -> [([String], Field)] in
            let path = prefix + [field.name]
            switch field.type {
            case .object(let object): return [(path, field)] + fieldPaths(object.fields, prefix: path)
            case .array(let element):
                if case .object(let object) = element.type { return [(path, field)] + fieldPaths(object.fields, prefix: path) }
                if case .enumeration = element.type {
                    var inner = field
                    inner.type = element.type
                    return [(path, inner)]
                }
                return [(path, field)]
            default: return [(path, field)]
            }
        }
    }

    /// The values at a path, stepping into every element of the arrays on the way (and of the
    /// last value, when it is an array of enum values).
    static func values(at path: [String], in value: FixtureValue) -> [FixtureValue] {
        guard let key = path.first else {
            if case .array(let items) = value, items.allSatisfy(\.isScalar) { return [value] + items }
            return [value]
        }
        switch value {
        case .object: return value[key].map { values(at: Array(path.dropFirst()), in: $0) } ?? []
        case .array(let items): return items.flatMap { values(at: path, in: $0) }
        default: return []
        }
    }
}
