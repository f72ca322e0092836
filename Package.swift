// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "schemagen",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "SchemaGenCore", targets: ["SchemaGenCore"]),
        .library(name: "SchemaRuntime", targets: ["SchemaRuntime"]),
        .library(name: "SchemaRuntimeSQLite", targets: ["SchemaRuntimeSQLite"]),
        .library(name: "SchemaRuntimePostgres", targets: ["SchemaRuntimePostgres"]),
        .executable(name: "schemagen", targets: ["schemagen"]),
        .executable(name: "schemagen-seed", targets: ["schemagen-seed"]),
        .executable(name: "schemagen-import", targets: ["schemagen-import"]),
        .executable(name: "studio-demo", targets: ["studio-demo"]),
        .plugin(name: "SchemaGenPlugin", targets: ["SchemaGenPlugin"]),
        .plugin(name: "GenerateSchemaCode", targets: ["GenerateSchemaCode"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // The generator: Load → Resolve → Plan → Render → Write. No database dependency; it uses
        // SchemaRuntime's checks so that schema defaults pass the generated validators.
        .target(
            name: "SchemaGenCore",
            dependencies: [
                "SchemaRuntime",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The command-line tool: a thin shell over SchemaGenCore.
        .executableTarget(
            name: "schemagen",
            dependencies: [
                "SchemaGenCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Loads the fixtures into a database; a separate tool so that the generator (and every
        // build plugin user) doesn't compile the database libraries. `schemagen seed` runs it.
        .target(name: "SchemaGenSeed", dependencies: ["SchemaGenCore", "SchemaRuntime"]),
        .executableTarget(
            name: "schemagen-seed",
            dependencies: [
                "SchemaGenCore", "SchemaGenSeed", "SchemaRuntime", "SchemaRuntimeSQLite", "SchemaRuntimePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Reads a live database's catalog for `schemagen import` (the mapping to schema files is in
        // SchemaGenCore/Import, testable without a database); a separate tool for the same reason.
        .target(
            name: "SchemaGenImport",
            dependencies: [
                "SchemaGenCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .executableTarget(
            name: "schemagen-import",
            dependencies: ["SchemaGenCore", "SchemaGenImport", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // swift build: generates a target's Swift code from its schemas into the plugin work folder.
        .plugin(name: "SchemaGenPlugin", capability: .buildTool(), dependencies: ["schemagen"]),
        // swift package generate-schema-code: writes the checked-in output of each target with a schemagen.yaml.
        .plugin(
            name: "GenerateSchemaCode",
            capability: .command(
                intent: .custom(verb: "generate-schema-code", description: "Generate code, SQL and docs from the target's schemas"),
                permissions: [.writeToPackageDirectory(reason: "schemagen writes the generated files into the package")]
            ),
            dependencies: ["schemagen"]
        ),
        // What generated code needs at run time; no database dependency.
        .target(name: "SchemaRuntime"),
        // The embedded default database: SQLite through GRDB, over the system libsqlite3.
        .target(
            name: "SchemaRuntimeSQLite",
            dependencies: [
                "SchemaRuntime",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, which GRDB is built on: the hot path binds and reads values with it.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // PostgreSQL through PostgresNIO, for users who outgrow one machine.
        .target(
            name: "SchemaRuntimePostgres",
            dependencies: ["SchemaRuntime", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // The checked-in output for schemas/, compiled in every build so that a change to the
        // generator that emits invalid Swift breaks the build, not a user.
        .target(
            name: "StudioModels",
            dependencies: ["SchemaRuntime"],
            path: "Generated/Swift"
        ),
        // The studio's everyday queries on SQLite as each sample user: `swift run studio-demo`.
        .executableTarget(
            name: "studio-demo",
            dependencies: ["StudioModels", "SchemaRuntime", "SchemaRuntimeSQLite", "SchemaGenCore", "SchemaGenSeed"],
            path: "Examples/StudioDemo"
        ),
        // Generated from Tests/Fixtures/KitchenSink/schemas: every schema feature the studio
        // doesn't use (shared enums, keyword names, nested arrays…), so that code compiles too.
        .target(
            name: "KitchenSinkModels",
            dependencies: ["SchemaRuntime"],
            path: "Tests/Fixtures/KitchenSink/Generated/Swift"
        ),
        // The benchmarks, run by hand (Benchmarks/run): built with the package so that they can't
        // rot, never run by the tests. The SQLite one doesn't wait for PostgresNIO to build.
        .target(
            name: "BenchSupport",
            dependencies: ["StudioModels", "SchemaRuntime"],
            path: "Benchmarks/BenchSupport"
        ),
        .executableTarget(
            name: "schemagen-bench",
            dependencies: [
                "BenchSupport", "StudioModels", "SchemaRuntime", "SchemaRuntimeSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Benchmarks/SchemaGenBench"
        ),
        .executableTarget(
            name: "schemagen-bench-postgres",
            dependencies: [
                "BenchSupport", "StudioModels", "SchemaRuntime", "SchemaRuntimePostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Benchmarks/PostgresBench"
        ),
        // The build plugin's planning, compiled from the plugin's own source file (plugins can't be
        // imported, so the test target links Plugins/SchemaGenPlugin/SchemaGenPluginPlan.swift).
        .testTarget(name: "PluginTests", path: "Tests/PluginTests"),
        .testTarget(name: "SchemaGenCoreTests", dependencies: ["SchemaGenCore", "KitchenSinkModels", "SchemaRuntime"]),
        .testTarget(name: "SchemaRuntimeTests", dependencies: ["SchemaRuntime"]),
        .testTarget(name: "SchemaRuntimeSQLiteTests", dependencies: ["SchemaRuntimeSQLite"]),
        .testTarget(name: "SchemaRuntimePostgresTests", dependencies: ["SchemaRuntimePostgres"]),
        // The generated DDL applied to real SQLite and PostgreSQL through their own clients
        // (sqlite3, psql); PostgreSQL comes from scripts/with-postgres.
        .testTarget(name: "SQLSchemaTests", dependencies: ["SchemaGenCore"]),
        // schemagen import: the mapping, and round trips through real SQLite and PostgreSQL.
        .testTarget(name: "ImportTests", dependencies: ["SchemaGenCore", "SchemaGenImport"]),
        // The generated models and repositories, on SQLite and PostgreSQL.
        .testTarget(
            name: "StudioModelsTests",
            dependencies: ["StudioModels", "KitchenSinkModels", "SchemaRuntime", "SchemaRuntimeSQLite", "SchemaRuntimePostgres", "SchemaGenCore", "SchemaGenSeed"]
        ),
    ]
)
