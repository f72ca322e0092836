import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// KitchenSink's parts (`id: int64`) and suppliers (`id: { type: string, maxLength: 40 }`) on both
/// engines: keys the caller gives, references and join tables of those types, pages, createAll,
/// upsert, and owner rules attacked with guessed ids.
@Suite("Integer and text keys", .serialized)
struct KeyTypesTests {
    static let alice = Account.ID(rawValue: UUID(uuidString: "0d000000-0000-4000-8000-000000000001")!)
    static let bob = Account.ID(rawValue: UUID(uuidString: "0d000000-0000-4000-8000-000000000002")!)
    static let carol = Account.ID(rawValue: UUID(uuidString: "0d000000-0000-4000-8000-000000000003")!)

    static func caller(_ account: Account.ID) -> AccessContext { .user(account.rawValue, role: "member") }

    /// A database with three accounts; `body` gets the parts and suppliers of the application's
    /// executor (the NOBYPASSRLS role on PostgreSQL).
    static func withKeys(_ backend: Backend, _ body: (PartRepository, SupplierRepository) async throws -> Void) async throws {
        try await withKeys(backend) { _, parts, suppliers in try await body(parts, suppliers) }
    }

    /// The same, with the system executor too.
    static func withKeys(_ backend: Backend,
                         _ body: (any DatabaseExecutor, PartRepository, SupplierRepository) async throws -> Void) async throws {
        try await backend.withDatabase(generated: LosslessModelTests.generated) { system, app in
            for (account, email) in [(alice, "alice@example.com"), (bob, "bob@example.com"), (carol, "carol@example.com")] {
                try await AccountRepository(system).create(Account(id: account, email: email), as: .system)
            }
            try await body(system, PartRepository(app), SupplierRepository(app))
        }
    }

    @Test("create keeps the caller's keys; find, update and delete by them; references and links hold them",
          arguments: Backend.available)
    func crudAndLinks(_ backend: Backend) async throws {
        try await Self.withKeys(backend) { parts, suppliers in
            let alice = Self.caller(Self.alice)
            let acme = try await suppliers.create(Supplier(id: "acme", name: "Acme", owner: Self.alice), as: alice)
            try await suppliers.create(Supplier(id: "zeta-works", name: "Zeta", owner: Self.alice), as: alice)
            #expect(acme.id == "acme")
            let bolt = try await parts.create(
                Part(id: 42, name: "Bolt", owner: Self.alice, supplier: "acme", alternates: ["zeta-works", "acme"]), as: alice)
            #expect(bolt.id == Part.ID(42))
            let nut = try await parts.create(Part(id: 7, name: "Nut", owner: Self.alice, replaces: 42), as: alice)

            let read = try #require(try await parts.find(42, as: alice))
            #expect(read.supplier == "acme" && read.alternates == ["zeta-works", "acme"] && read == bolt)
            #expect(try await parts.get(7, as: alice).replaces == Part.ID(42))

            // A text key's to-many reference to integer keys keeps its order.
            let stocked = try await suppliers.update("acme", as: alice) { $0.stocks = [nut.id, bolt.id] }
            #expect(try await suppliers.get("acme", as: alice).stocks == [7, 42] && stocked.stocks == [7, 42])
            try await parts.update(42, as: alice) { $0.alternates = ["acme"]; $0.name = "Hex bolt" }
            let changed = try await parts.get(42, as: alice)
            #expect(changed.alternates == ["acme"] && changed.name == "Hex bolt")

            // Finders and filters take the typed ids.
            #expect(try await parts.find(supplier: "acme", as: alice).items.map(\.id) == [42])
            #expect(try await parts.find(alternate: "acme", as: alice).items.map(\.id) == [42])
            #expect(try await parts.list(PartRepository.Filter(replaces: 42), as: alice).items.map(\.id) == [7])
            #expect(try await parts.list(where: { $0.id > 10 }, as: alice).items.map(\.id) == [42])

            // Deleting the supplier clears the reference (SET NULL) and the links (CASCADE).
            try await suppliers.purge("acme", as: alice)
            let orphan = try await parts.get(42, as: alice)
            #expect(orphan.supplier == nil && orphan.alternates.isEmpty)
            try await parts.delete(7, as: alice)
            #expect(try await parts.find(7, as: alice) == nil)
        }
    }

    @Test("a text key is checked: empty or longer than maxLength is a validation error, not a row",
          arguments: Backend.available)
    func textKeyBounds(_ backend: Backend) async throws {
        try await Self.withKeys(backend) { _, suppliers in
            for key in ["", String(repeating: "x", count: 41)] {
                await #expect(throws: RepositoryError.self) {
                    try await suppliers.create(Supplier(id: Supplier.ID(key), name: "Bad", owner: Self.alice), as: .system)
                }
            }
            let stored = try await suppliers.count(as: .system)
            #expect(stored == 0)
        }
    }

    @Test("pages walk integer keys in numeric order, both ways; createAll writes caller-given keys",
          arguments: Backend.available)
    func pagesAndCreateAll(_ backend: Backend) async throws {
        try await Self.withKeys(backend) { parts, _ in
            let alice = Self.caller(Self.alice)
            // 2, 10 and 100 sort apart as numbers and as text.
            let keys: [Part.ID] = [100, 2, 10, 1, 30]
            let created = try await parts.createAll(keys.map { Part(id: $0, name: "P\($0)", owner: Self.alice) }, as: alice)
            #expect(created.map(\.id) == keys)
            var seen: [Part.ID] = []
            var page = try await parts.list(page: PageRequest(size: 2), as: alice)
            seen += page.items.map(\.id)
            while let next = page.next {
                page = try await parts.list(page: PageRequest(size: 2, after: next), as: alice)
                seen += page.items.map(\.id)
            }
            #expect(seen == [1, 2, 10, 30, 100])
            // Typed pages sorted by the key, from the last back to the first.
            func typed(_ request: PageRequest) async throws -> Page<Part> {
                try await parts.list(where: { $0.id >= 1 }, page: request, as: alice)
            }
            let first = try await typed(PageRequest(size: 2))
            var current = try await typed(PageRequest(size: 2, after: try #require(first.next)))
            #expect(current.items.map(\.id) == [10, 30])
            current = try await typed(PageRequest(size: 2, before: try #require(current.previous)))
            #expect(current.items.map(\.id) == [1, 2])
            // A second createAll with a key that exists writes nothing.
            await #expect(throws: RepositoryError.self) {
                try await parts.createAll([Part(id: 3, name: "New", owner: Self.alice), Part(id: 2, name: "Again", owner: Self.alice)], as: alice)
            }
            #expect(try await parts.count(as: alice) == 5)
        }
    }

    @Test("upsert by sku keeps the stored integer key", arguments: Backend.available)
    func upsertKeepsKey(_ backend: Backend) async throws {
        try await Self.withKeys(backend) { parts, _ in
            let alice = Self.caller(Self.alice)
            try await parts.create(Part(id: 5, name: "Washer", sku: "W-1", owner: Self.alice), as: alice)
            let merged = try await parts.upsert(bySku: Part(id: 6, name: "Flat washer", sku: "W-1", owner: Self.alice), as: alice)
            #expect(merged.id == 5 && merged.name == "Flat washer")
            #expect(try await parts.find(6, as: alice) == nil)
        }
    }

    @Test("another owner can't read, change or delete a record through a guessed id, nor create in someone's name",
          arguments: Backend.available)
    func guessedIDs(_ backend: Backend) async throws {
        try await Self.withKeys(backend) { parts, suppliers in
            let alice = Self.caller(Self.alice), bob = Self.caller(Self.bob)
            try await suppliers.create(Supplier(id: "acme", name: "Acme", owner: Self.alice), as: alice)
            try await parts.create(Part(id: 1, name: "Secret", owner: Self.alice, supplier: "acme"), as: alice)

            #expect(try await parts.find(1, as: bob) == nil)
            #expect(try await suppliers.find("acme", as: bob) == nil)
            #expect(try await parts.list(where: { $0.id == 1 }, as: bob).items.isEmpty)
            await #expect(throws: RepositoryError.self) { try await parts.update(1, as: bob) { $0.name = "Mine" } }
            await #expect(throws: RepositoryError.self) { try await parts.delete(1, as: bob) }
            await #expect(throws: RepositoryError.self) { try await suppliers.update("acme", as: bob) { $0.owner = Self.bob } }
            await #expect(throws: RepositoryError.self) {
                try await parts.create(Part(id: 2, name: "Planted", owner: Self.alice), as: bob)
            }
            // Linking a supplier of someone else's to one's own part changes nothing of theirs.
            try await parts.create(Part(id: 3, name: "Bob's", owner: Self.bob), as: bob)
            #expect(try await parts.get(1, as: alice).name == "Secret")
            #expect(try await parts.count(as: bob) == 1)
        }
    }

    @Test("an owner rule through a reference to a text key: the supplier's owner reads the part",
          arguments: Backend.available)
    func ownerThroughTextKey(_ backend: Backend) async throws {
        try await Self.withKeys(backend) { parts, suppliers in
            let alice = Self.caller(Self.alice), carol = Self.caller(Self.carol)
            try await suppliers.create(Supplier(id: "carol-co", name: "Carol & Co", owner: Self.carol), as: carol)
            try await parts.create(Part(id: 9, name: "Gear", owner: Self.alice, supplier: "carol-co"), as: alice)
            try await parts.create(Part(id: 10, name: "Other", owner: Self.alice), as: alice)
            #expect(try await parts.find(9, as: carol)?.name == "Gear")
            #expect(try await parts.find(10, as: carol) == nil)
            await #expect(throws: RepositoryError.self) { try await parts.update(9, as: carol) { $0.name = "Carol's" } }
        }
    }

    @Test("partial and nullable timestamps: set on create, createdAt kept, a stored NULL createdAt stays NULL",
          arguments: Backend.available)
    func partialTimestamps(_ backend: Backend) async throws {
        try await Self.withKeys(backend) { system, parts, suppliers in
            let alice = Self.caller(Self.alice)
            // parts: createdAt required, updatedAt nullable; suppliers: only a nullable createdAt.
            let part = try await parts.create(Part(id: 1, name: "Pin", owner: Self.alice), as: alice)
            let created = part.createdAt
            #expect(part.updatedAt != nil)
            let changed = try await parts.update(1, as: alice) { $0.name = "Split pin" }
            #expect(changed.createdAt == created && changed.updatedAt! >= part.updatedAt!)
            #expect(try await parts.get(1, as: alice) == changed)

            let supplier = try await suppliers.create(Supplier(id: "new", name: "New", owner: Self.alice), as: alice)
            #expect(supplier.createdAt != nil)
            // A row written before the column was filled: NULL, and an update leaves it so.
            try await system.execute("INSERT INTO suppliers (id, name, owner, created_at) VALUES (?, ?, ?, NULL)",
                                     [.text("old"), .text("Old"), .uuid(Self.alice.rawValue)])
            #expect(try await suppliers.get("old", as: alice).createdAt == nil)
            let renamed = try await suppliers.update("old", as: alice) { $0.name = "Older" }
            #expect(renamed.createdAt == nil && renamed.name == "Older")
            #expect(try await suppliers.get("old", as: alice).createdAt == nil)
            #expect(try await suppliers.get("new", as: alice).createdAt == supplier.createdAt)
        }
    }
}
