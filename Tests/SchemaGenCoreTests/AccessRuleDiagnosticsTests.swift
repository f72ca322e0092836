import SchemaGenCore
import Testing

/// Bad input in the rules that hold against a hostile caller: field write rules, `all`, `within`
/// and roles, each a located error with a hint where one helps.
@Suite("Diagnostics: field rules, all, within and roles")
struct AccessRuleDiagnosticsTests: SchemaTestSupport {
    static let users = (path: "schemas/a_users.yaml", yaml: """
        name: users
        principal: true
        fields:
          email: email
          role: { type: enum, values: [user, admin, editor], default: user, required: true, access: { write: [admin] } }
        access:
          read: [self]
          create: [public]
        """)

    static func projects(_ extra: String = "", access: String = "  read: [owner]\n") -> (path: String, yaml: String) {
        (path: "schemas/b_projects.yaml", yaml: """
            name: projects
            fields:
              owner: { type: ref, to: users, required: true }
              members: { type: refs, to: users }
            \(extra)access:
            \(access)
            """)
    }

    @Test func aRoleOutsideThePrincipalsRoleEnum() {
        #expect(diagnostics([Self.users, Self.projects(access: "  read: [owner, { role: editr }]")]) == [
            error("role 'editr' is not a value of the principal's 'role' field", 6, 25, in: "schemas/b_projects.yaml",
                  notes: [hint("did you mean 'editor'?")]),
        ])
    }

    @Test func aFieldRuleNamingAFieldThatDoesNotExist() {
        let extra = "  title: { type: string, access: { update: [{ owner: ownr }] } }\n"
        #expect(diagnostics([Self.users, Self.projects(extra)]).map(\.message) == [
            "'{ owner: ownr }': collection 'projects' has no field 'ownr'",
        ])
    }

    @Test func anOwnerPathThatDoesNotReachThePrincipal() {
        let extra = "  title: { type: string, access: { update: [{ owner: title }] } }\n"
        #expect(diagnostics([Self.users, Self.projects(extra)]).map(\.message) == [
            "'{ owner: title }' must end at a ref field to 'users'; 'title' in 'projects' is string",
        ])
    }

    @Test func aCreateRuleThatCanNeverBeSatisfied() {
        let found = diagnostics([Self.users, Self.projects(access: "  read: [owner]\n  create: [member]")])
        #expect(found.map(\.message) == [
            "a member rule on the record's own links can never grant a create: the links are written after the record",
        ])
        #expect(found.first?.location.line == 7)
    }

    @Test func allMustHoldRulesAndNotNest() {
        #expect(diagnostics([Self.users, Self.projects(access: "  read: [{ all: [] }]")]).map(\.message) == [
            "'all' needs at least one rule",
        ])
        #expect(diagnostics([Self.users, Self.projects(access: "  read: [{ all: [owner, { all: [admin] }] }]")]).map(\.message) == [
            "'all' inside 'all' adds nothing",
        ])
    }

    @Test func aRefsFieldNeedsOneRuleForItsLinks() {
        let extra = "  tags: { type: refs, to: users, access: { create: [admin], update: [owner] } }\n"
        #expect(diagnostics([Self.users, Self.projects(extra)]).map(\.message) == [
            "field 'tags' keeps its links in one join table: its create and update rules must be the same",
        ])
    }

    @Test func withinMustNameARefThatTheTargetShares() {
        let boards = (path: "schemas/c_boards.yaml", yaml: """
            name: boards
            fields:
              project: { type: ref, to: projects, required: true }
              title: { type: string, within: project }
              card: { type: ref, to: cards, within: projct }
              other: { type: ref, to: users, within: project }
            """)
        let cards = (path: "schemas/d_cards.yaml", yaml: """
            name: cards
            fields:
              project: { type: ref, to: projects, required: true }
            """)
        let messages = diagnostics([Self.users, Self.projects(), boards, cards]).map(\.message)
        #expect(messages == [
            "'within: project' of field 'title': 'within' applies to a ref field with a column",
            "'within: projct' of field 'card': collection 'boards' has no field 'projct'",
            "'within: project' of field 'other': collection 'users' has no ref fields to 'projects'",
        ])
    }

    @Test func validRulesResolve() throws {
        let extra = """
              title: { type: string, access: { create: [{ all: [owner, admin] }], update: [owner] } }
              settings:
                type: object
                access: { write: [admin] }
                fields:
                  theme: { type: string, default: dark }

            """
        let schema = try resolved([Self.users, Self.projects(extra, access: "  read: [owner, { all: [member, { role: editor }] }]\n  create: [owner]")])
        let projects = try #require(schema.collection(named: "projects"))
        let title = try #require(projects.fields.first { $0.name == "title" })
        #expect(title.writeRules?.update?.count == 1)
        guard case .all(let parts)? = title.writeRules?.create?.first else {
            Issue.record("create rule of title is not an 'all'")
            return
        }
        #expect(parts.count == 2)
        #expect(projects.fields.first { $0.name == "settings" }?.writeRules?.create != nil)
    }
}
