// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "relgraph",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "relgraph", targets: ["relgraph"]),
        .library(name: "RelGraphCore", targets: ["RelGraphCore"]),
        .library(name: "RelGraphRendering", targets: ["RelGraphRendering"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The only place that sees Graphviz's C API.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // Pure Swift: corpus → text → recognition → relations → graph → output.
        .target(
            name: "RelGraphCore",
            dependencies: [
                .product(name: "Collections", package: "swift-collections"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        // Graphviz-facing layer: layout/render and DOT parsing through libgvc/cgraph.
        .target(
            name: "RelGraphRendering",
            dependencies: ["CGraphviz", "RelGraphCore"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "relgraph",
            dependencies: [
                "RelGraphCore",
                "RelGraphRendering",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // `make bench`: throughput, memory, query and render figures, in release mode.
        .executableTarget(
            name: "relgraph-bench",
            dependencies: ["RelGraphCore", "RelGraphRendering"],
            swiftSettings: strict
        ),
        // `make fuzz`: libFuzzer target over the recognizer and pipeline (not built by `swift build`
        // alone into anything useful: it needs -sanitize=fuzzer -parse-as-library).
        .executableTarget(
            name: "relgraph-fuzz",
            dependencies: ["RelGraphCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RelGraphCoreTests",
            dependencies: [
                "RelGraphCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RelGraphRenderingTests",
            dependencies: [
                "RelGraphCore", "RelGraphRendering",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RelGraphCLITests",
            dependencies: ["RelGraphCore", "relgraph"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
