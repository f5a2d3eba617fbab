// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "marketsync",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "marketsync", targets: ["marketsync"]),
        .library(name: "MarketSync", targets: ["MarketSync"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // TLS to PostgreSQL: postgres-nio's own TLS library, named to build its client settings.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    ],
    targets: [
        // C shims over the system libraries: libcurl (HTTP, SFTP, FTPS), OpenSSL (MD5, HMAC) and glibc (malloc_trim).
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),
        .target(name: "CCrypto", linkerSettings: [.linkedLibrary("crypto")]),
        .target(name: "CMalloc"),

        // The core: domain, rules, planner, engine, and the seams (adapter, transport, store, clock).
        .target(name: "MarketSync", dependencies: [
            "MarketSyncCrypto",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
        ]),
        // Digests and signatures over OpenSSL's libcrypto.
        .target(name: "MarketSyncCrypto", dependencies: ["CCrypto"]),
        // The store: SQLite through GRDB (embedded default).
        .target(name: "MarketSyncStore", dependencies: [
            "MarketSync",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The store on PostgreSQL through postgres-nio: several workers share one database and split channels by lease.
        .target(name: "MarketSyncPostgres", dependencies: [
            "MarketSync",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Transports: live over libcurl, recording, replaying; cassettes.
        .target(name: "MarketSyncWire", dependencies: ["MarketSync", "CCurl"]),
        // Configuration file (YAML) and environment: the one place that knows string keys.
        .target(name: "MarketSyncConfig", dependencies: [
            "MarketSync",
            .product(name: "Yams", package: "Yams"),
        ]),
        // The channel sandboxes' HTTP/1.1 server on Hummingbird, bound to 127.0.0.1; their throttle and state file.
        .target(name: "MarketSyncSandbox", dependencies: [
            "MarketSync",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),

        // Channel adapters: one target per channel protocol.
        .target(name: "Epinduo", dependencies: [
            "MarketSync", "MarketSyncCrypto",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
        ], path: "adapters/Epinduo/Sources/Epinduo"),
        .target(name: "EpinduoSandbox", dependencies: [
            "MarketSync", "MarketSyncSandbox", "Epinduo",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], path: "adapters/Epinduo/Sources/EpinduoSandbox"),
        .target(name: "Mirakl", dependencies: [
            "MarketSync",
            .product(name: "Logging", package: "swift-log"),
        ], path: "adapters/Mirakl/Sources/Mirakl"),
        .target(name: "MiraklSandbox", dependencies: ["MarketSync", "MarketSyncSandbox", "Mirakl"], path: "adapters/Mirakl/Sources/MiraklSandbox"),
        .target(name: "Walmart", dependencies: [
            "MarketSync", "MarketSyncCrypto",
            .product(name: "Logging", package: "swift-log"),
        ], path: "adapters/Walmart/Sources/Walmart"),
        .target(name: "WalmartSandbox", dependencies: ["MarketSync", "MarketSyncSandbox", "Walmart"], path: "adapters/Walmart/Sources/WalmartSandbox"),
        // EDI codecs for the retail chains: EDIFACT/EANCOM (D.96A) and ANSI X12, writers, parsers and messages.
        .target(name: "EDI", dependencies: ["MarketSync"], path: "adapters/EDI/Sources/EDI"),
        // CSV sheets for the Chinese retail chains: stock and price sheets out, order sheets in, order responses out.
        .target(name: "RetailSheets", dependencies: ["MarketSync"], path: "adapters/RetailSheets/Sources/RetailSheets"),
        // What the retail file channels share: the partner's file exchange, records read back, answers kept.
        .target(name: "RetailFiles", dependencies: [
            "MarketSync",
            .product(name: "Logging", package: "swift-log"),
        ], path: "adapters/RetailFiles/Sources/RetailFiles"),
        // The retail chains' CSV sheet channel over file drops, on the sheet codec.
        .target(name: "RetailSheetChannel", dependencies: [
            "MarketSync", "RetailSheets", "RetailFiles",
            .product(name: "Logging", package: "swift-log"),
        ], path: "adapters/RetailSheets/Sources/RetailSheetChannel"),
        // The retail chains' EDI channels over file drops: EANCOM and X12 adapters on the EDI codecs.
        .target(name: "RetailEDI", dependencies: [
            "MarketSync", "EDI", "RetailFiles",
            .product(name: "Logging", package: "swift-log"),
        ], path: "adapters/RetailEDI/Sources/RetailEDI"),
        // The retail partner simulator: a chain's side of a file channel (reads our files, writes its orders).
        .target(name: "PartnerSimulator", dependencies: ["MarketSync", "EDI", "RetailSheets"],
                path: "adapters/PartnerSimulator/Sources/PartnerSimulator"),

        // Wiring: adapter registry, the sync/worker/replay/record runs. Only this and the executable know every adapter.
        .target(name: "MarketSyncApp", dependencies: [
            "MarketSync", "MarketSyncStore", "MarketSyncPostgres", "MarketSyncWire", "MarketSyncConfig", "MarketSyncSandbox",
            "Epinduo", "EpinduoSandbox", "Mirakl", "MiraklSandbox", "Walmart", "WalmartSandbox", "EDI", "RetailEDI",
            "PartnerSimulator", "RetailFiles", "RetailSheets", "RetailSheetChannel", "CMalloc",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // The worker's HTTP endpoint (health, readiness, Prometheus metrics, status API and page) on Hummingbird.
        .target(name: "MarketSyncHTTP", dependencies: [
            "MarketSync",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .executableTarget(name: "marketsync", dependencies: [
            "MarketSyncApp", "MarketSyncHTTP", "MarketSync", "MarketSyncConfig", "MarketSyncStore", "MarketSyncWire", "MarketSyncSandbox",
            "PartnerSimulator",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        ]),

        // Test support shipped as a library: manual clock, transports and fixtures helpers.
        .target(name: "MarketSyncTesting", dependencies: ["MarketSync"]),

        .testTarget(name: "MarketSyncTests", dependencies: [
            "MarketSync", "MarketSyncTesting", "MarketSyncStore", "MarketSyncPostgres", "MarketSyncWire", "MarketSyncConfig",
            "MarketSyncApp", "MarketSyncSandbox", "Epinduo", "EpinduoSandbox",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "MarketSyncHTTPTests", dependencies: [
            "MarketSyncHTTP", "MarketSync", "MarketSyncTesting", "MarketSyncStore", "MarketSyncApp", "MarketSyncConfig",
            "Epinduo", "EpinduoSandbox", "Walmart", "WalmartSandbox", "MarketSyncWire",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .testTarget(name: "EpinduoTests", dependencies: [
            "Epinduo", "EpinduoSandbox", "MarketSync", "MarketSyncTesting", "MarketSyncWire", "MarketSyncSandbox",
            .product(name: "Logging", package: "swift-log"),
        ], path: "adapters/Epinduo/Tests"),
        .testTarget(name: "MiraklTests", dependencies: [
            "Mirakl", "MiraklSandbox", "MarketSync", "MarketSyncTesting", "MarketSyncApp", "MarketSyncConfig",
            .product(name: "Logging", package: "swift-log"),
        ], path: "adapters/Mirakl/Tests"),
        .testTarget(name: "WalmartTests", dependencies: [
            "Walmart", "WalmartSandbox", "MarketSync", "MarketSyncTesting", "MarketSyncWire", "MarketSyncSandbox", "MarketSyncApp",
            "MarketSyncConfig",
            .product(name: "Logging", package: "swift-log"),
        ], path: "adapters/Walmart/Tests"),
        .testTarget(name: "EDITests", dependencies: ["EDI", "MarketSync"], path: "adapters/EDI/Tests"),
        .testTarget(name: "RetailSheetsTests", dependencies: [
            "RetailSheets", "MarketSync",
            .product(name: "Yams", package: "Yams"),
        ], path: "adapters/RetailSheets/Tests", exclude: ["Fixtures"]),
        .testTarget(name: "RetailEDITests", dependencies: [
            "RetailEDI", "RetailFiles", "EDI", "MarketSync", "MarketSyncTesting", "MarketSyncStore", "MarketSyncWire", "MarketSyncApp",
            "MarketSyncConfig",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "InMemoryLogging", package: "swift-log"),
        ], path: "adapters/RetailEDI/Tests"),
        .testTarget(name: "PartnerSimulatorTests", dependencies: [
            "PartnerSimulator", "RetailEDI", "RetailSheets", "EDI", "MarketSync", "MarketSyncTesting", "MarketSyncStore",
            "MarketSyncWire", "MarketSyncApp", "MarketSyncConfig",
            .product(name: "Logging", package: "swift-log"),
        ], path: "adapters/PartnerSimulator/Tests"),
        .testTarget(name: "RetailSheetChannelTests", dependencies: [
            "RetailSheetChannel", "RetailSheets", "RetailFiles", "MarketSync", "MarketSyncTesting", "MarketSyncStore", "MarketSyncWire",
            "MarketSyncApp", "MarketSyncConfig",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "InMemoryLogging", package: "swift-log"),
        ], path: "adapters/RetailSheets/ChannelTests", exclude: ["Fixtures"]),
    ]
)

// The same strict settings on every Swift target.
for target in package.targets where !["CCurl", "CCrypto", "CMalloc"].contains(target.name) {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
