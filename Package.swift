// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "homing",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "homing", targets: ["homing"]),
        .library(name: "HomingCore", targets: ["HomingCore"]),
        .library(name: "HomingChannels", targets: ["HomingChannels"]),
        .library(name: "HomingStore", targets: ["HomingStore"]),
        .library(name: "HomingTemplates", targets: ["HomingTemplates"]),
        .library(name: "HomingEngine", targets: ["HomingEngine"]),
        .library(name: "HomingSink", targets: ["HomingSink"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "HomingCore"),
        .target(
            name: "HomingChannels",
            dependencies: [
                "HomingCore", "CCurl",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "HomingTemplates",
            dependencies: ["HomingCore", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "HomingConfig",
            dependencies: ["HomingCore", "HomingChannels", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "HomingStore",
            dependencies: [
                "HomingCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "HomingEngine",
            dependencies: [
                "HomingCore", "HomingStore", "HomingTemplates", "HomingChannels",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "HomingSink",
            dependencies: [
                "HomingCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "HomingServer",
            dependencies: [
                "HomingCore", "HomingStore", "HomingEngine", "HomingChannels",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "homing",
            dependencies: [
                "HomingCore", "HomingConfig", "HomingStore", "HomingTemplates", "HomingChannels", "HomingEngine",
                "HomingSink", "HomingServer",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "HomingTestSupport", dependencies: ["HomingCore"], path: "Tests/HomingTestSupport"),
        .testTarget(name: "HomingCoreTests", dependencies: ["HomingCore", "HomingTestSupport"]),
        .testTarget(
            name: "HomingTemplatesTests",
            dependencies: ["HomingTemplates", "HomingCore", "HomingTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "HomingConfigTests",
            dependencies: ["HomingConfig", "HomingChannels", "HomingTestSupport"]
        ),
        .testTarget(
            name: "HomingChannelsTests",
            dependencies: [
                "HomingChannels", "HomingTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "HomingStoreTests",
            dependencies: [
                "HomingStore", "HomingConfig", "HomingTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "HomingEngineTests",
            dependencies: ["HomingEngine", "HomingConfig", "HomingChannels", "HomingStore", "HomingTestSupport"]
        ),
        .testTarget(
            name: "HomingServerTests",
            dependencies: [
                "HomingServer", "HomingStore", "HomingEngine", "HomingConfig", "HomingCore", "HomingChannels",
                "HomingTemplates", "HomingTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "HomingSinkTests",
            dependencies: ["HomingSink", "HomingChannels", "HomingCore", "HomingTestSupport"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["homing", "HomingStore", "HomingChannels", "HomingEngine", "HomingTestSupport"]
        ),
    ]
)
