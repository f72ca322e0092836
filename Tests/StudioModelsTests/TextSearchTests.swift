import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// Text search takes what people type, on both engines, and both find the same records.
@Suite("Text search")
struct TextSearchTests {
    static let titles = [
        "Neon Rain", "Rain's End", "Sci-Fi Noir", "Sci Fi Stories", "Cats and Dogs", "Running Near the River",
        "O'Brien's Run", "Rain, Rain, Go Away",
    ]

    /// What people type → the titles it must find (the same on SQLite and PostgreSQL).
    static let queries: [(String, Set<String>)] = [
        ("sci-fi", ["Sci-Fi Noir", "Sci Fi Stories"]),
        ("Rain's", ["Neon Rain", "Rain's End", "Rain, Rain, Go Away"]),
        ("AND", []),
        ("the", []),
        ("cats AND dogs", ["Cats and Dogs"]),
        ("\"neon", ["Neon Rain"]),
        ("neon OR river", []),
        ("run", ["Running Near the River", "O'Brien's Run"]),
        ("NEAR", ["Running Near the River"]),
        ("river near (running)", ["Running Near the River"]),
        ("o'brien", ["O'Brien's Run"]),
        ("* ^ - : \"\" {}", []),
    ]

    @Test("quotes, hyphens, apostrophes and operators are words; both engines agree", arguments: Backend.available)
    func searchesWhatPeopleType(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await UserRepository(database).create(Samples.user(), as: .system)
            let projects = ProjectRepository(database)
            try await projects.createAll(Self.titles.map { title in
                var project = Samples.minimalProject(id: Project.ID())
                project.title = title
                return project
            }, as: .system)
            for (text, expected) in Self.queries {
                let found = try await projects.searchTitle(text, as: .system).items.map(\.title)
                #expect(Set(found) == expected, "\(backend): \(text)")
            }
            // Best match first (the word twice), and pages of one walk every match once.
            var page = try await projects.searchTitle("rain", page: PageRequest(size: 1), as: .system)
            #expect(page.items.map(\.title) == ["Rain, Rain, Go Away"])
            var walked = page.items.map(\.title)
            while let next = page.next {
                page = try await projects.searchTitle("rain", page: PageRequest(size: 1, after: next), as: .system)
                walked += page.items.map(\.title)
            }
            #expect(walked.count == 3 && Set(walked) == ["Neon Rain", "Rain's End", "Rain, Rain, Go Away"], "\(walked)")
        }
    }

    @Test func wordsLeaveOutPunctuationAndStopWords() {
        #expect(TextSearch.words("Rain's \"sci-fi\" AND noir") == ["rain", "sci", "fi", "noir"])
        #expect(TextSearch.query("sci-fi", for: .sqlite) == "\"sci\" \"fi\"")
        #expect(TextSearch.query("sci-fi", for: .postgres) == "sci fi")
        #expect(TextSearch.query("the AND or", for: .sqlite) == nil)
    }
}
