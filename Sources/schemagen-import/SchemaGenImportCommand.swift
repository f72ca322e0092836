import ArgumentParser
import Foundation
import SchemaGenCore
import SchemaGenImport

/// `schemagen import`: a separate executable, because the generator must not depend on the
/// database libraries. `schemagen import …` runs this tool when it was built beside it.
@main
struct SchemaGenImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemagen-import",
        abstract: "Writes one schema file per table of a live database.",
        discussion: """
            Reads the catalog only (nothing in the database changes). Each file starts with notes on \
            what could not be mapped, and why. The schemas are checked before anything is written, \
            and the output folder is replaced as a whole; a folder holding schemas the import did \
            not write is refused.
            """
    )

    @Option(name: .long, help: "An SQLite database file.")
    var sqlite: String?

    @Option(name: .long, help: "A PostgreSQL URL: postgres://user:password@host:port/database[?sslmode=require].")
    var postgres: String?

    @Option(name: .long, help: "The PostgreSQL schema to read. Default: public.")
    var schema: String = "public"

    @Option(name: .long, help: "The folder to write the schema files to. Default: schemas.")
    var output: String = "schemas"

    func validate() throws {
        guard (sqlite == nil) != (postgres == nil) else { throw ValidationError("give one of --sqlite PATH or --postgres URL") }
    }

    func run() async throws {
        do {
            let catalog: DatabaseCatalog
            if let sqlite {
                catalog = try SQLiteCatalogReader.read(path: sqlite)
            } else {
                catalog = try await PostgresCatalogReader.read(url: postgres!, schema: schema)
            }
            let imported = try CatalogMapper.map(catalog)
            try ImportOutput.write(imported, to: output)
            for file in imported.files {
                let notes = file.notes.isEmpty ? "" : ", \(file.notes.count) note\(file.notes.count == 1 ? "" : "s")"
                print("  \(file.table) → \(output)/\(file.path)\(notes)")
            }
            print("Imported \(imported.files.count) collection\(imported.files.count == 1 ? "" : "s") into \(output)/. Read the notes at the top of each file.")
        } catch let error as CatalogReadError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        } catch let error as ImportFailure {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
