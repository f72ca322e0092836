/// What to generate and how: from a configuration file (`schemagen.yaml`) and command-line flags.
public struct GenerationOptions: Sendable, Equatable {
    public enum Output: String, Sendable, CaseIterable {
        /// Models, validators, repositories and the DDL as Swift strings (Swift/).
        case swift
        /// The DDL files (SQL/).
        case sql
        /// Sample data: JSON per collection and an SQL script per dialect (Fixtures/).
        case fixtures
        /// Markdown reference pages with an ER diagram (Docs/).
        case docs
    }

    public enum Layout: String, Sendable, CaseIterable {
        /// A Swift file per model, with its validators and repository (`Project.swift`), and per
        /// shared enum.
        case perType
        /// One Swift file per schema file (`projects.swift`): the names follow from the schema
        /// files alone, which is what the build plugin needs to declare its outputs.
        case perSchemaFile
    }

    public enum AccessModifier: String, Sendable, CaseIterable {
        case `public`
        case package
        case `internal`
    }

    public var outputs: Set<Output> = [.swift, .sql, .fixtures, .docs]
    public var layout: Layout = .perType
    public var accessModifier: AccessModifier = .public
    /// The module generated code imports for RecordID, validation and the executor protocol.
    public var runtimeModule = "SchemaRuntime"
    /// How many fixture rows, from which seed.
    public var fixtures = FixtureOptions()

    public init() {}
}
