// swift-tools-version: 6.1
import PackageDescription

// A consumer of schemagen: the Library target holds schemagen.yaml and schemas/, and the build
// plugin generates its models, validators and repositories on `swift build`.
let package = Package(
    name: "LibraryApp",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "schemagen", path: "../.."),
    ],
    targets: [
        .target(
            name: "Library",
            dependencies: [.product(name: "SchemaRuntime", package: "schemagen")],
            exclude: ["schemagen.yaml", "schemas", "Migrations"],
            plugins: [.plugin(name: "SchemaGenPlugin", package: "schemagen")]
        ),
        .testTarget(
            name: "LibraryTests",
            dependencies: ["Library", .product(name: "SchemaRuntimeSQLite", package: "schemagen")]
        ),
    ]
)
