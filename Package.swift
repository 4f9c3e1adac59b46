// swift-tools-version:6.0
import PackageDescription

let fuzzing = Context.environment["WAYMARK_FUZZ"] != nil

/// Core's exclusivity is proved at compile time only: the import's byte scanner (JSONPreScan over
/// JSONByteSource) touches class fields for every byte of a feed, and the run-time checks of those
/// accesses were a quarter of a 10,000-service import (perf, issue 11). The fuzz build keeps them.
let uncheckedExclusivity: [SwiftSetting] = fuzzing ? [] : [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

/// The waymark binary carries the Swift runtime and Foundation, so a start loads and relocates
/// four libraries instead of twenty (a bundled `waymark --version` went from 12 to 7 ms, a cold
/// search from about 44 to 34 ms). `swift build --static-swift-stdlib` would do this for the tests
/// too, which XCTest cannot take; so the executable alone links the static archives, in one group
/// because the modules were compiled against the shared Foundation, whose autolinking names none
/// of the archives Foundation needs under it.
let staticSwiftLibraries: [LinkerSetting] = [.unsafeFlags(["-static-stdlib", "-Xlinker", "--start-group"]
    + ["Foundation", "CoreFoundation", "FoundationInternationalization", "FoundationEssentials", "_FoundationICU",
       "_FoundationCShims", "_FoundationCollections", "swiftSynchronization", "dispatch", "BlocksRuntime"]
        .flatMap { ["-Xlinker", "-l:lib\($0).a"] }
    + ["-Xlinker", "--end-group"])]

let package = Package(
    name: "Waymark",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "waymark", targets: ["waymark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNCursesW",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The terminal's signal and crash state, as htop's CRT.c: one definition of each flag,
        // and handlers that restore the terminal with async-signal-safe calls only.
        .target(name: "CWaymarkCRT", linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(
            name: "WaymarkCore",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: uncheckedExclusivity
        ),
        .target(name: "WaymarkTUI", dependencies: ["WaymarkCore"]),
        // The ORUK feed client (`waymark sync`): the only module that speaks HTTP, so Core knows none.
        .target(
            name: "WaymarkSync",
            dependencies: ["WaymarkCore", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .target(name: "WaymarkTerminal", dependencies: ["WaymarkTUI", "CNCursesW", "CWaymarkCRT"]),
        // The ORUK API (`waymark serve`): Hummingbird over Core, and nothing of the terminal.
        // gzip comes from compress-nio (Hummingbird's own compression package is not mirrored).
        .target(
            name: "WaymarkServer",
            dependencies: [
                "WaymarkCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        .executableTarget(
            name: "waymark",
            dependencies: [
                "WaymarkCore", "WaymarkTUI", "WaymarkTerminal", "WaymarkSync", "WaymarkServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticSwiftLibraries
        ),
        // What the test targets share: the repository's folders and the bundled data, found one way.
        .target(name: "WaymarkTestSupport", dependencies: ["WaymarkCore"], path: "Tests/WaymarkTestSupport"),
        .testTarget(name: "WaymarkCoreTests", dependencies: ["WaymarkCore", "WaymarkTestSupport"]),
        .testTarget(name: "WaymarkTUITests", dependencies: ["WaymarkTUI"]),
        // The feed client against a real Hummingbird server on 127.0.0.1, started in the test.
        .testTarget(name: "WaymarkSyncTests", dependencies: [
            "WaymarkSync", "WaymarkCore", "WaymarkTestSupport", .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "WaymarkServerTests", dependencies: [
            "WaymarkServer", "WaymarkCore", "WaymarkTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "CompressNIO", package: "compress-nio"),
        ]),
        .testTarget(name: "WaymarkTerminalTests", dependencies: ["WaymarkTerminal", "CNCursesW", "CWaymarkCRT"]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets (make fuzz): declared only for the fuzz build, which has its own scratch
// path and -sanitize=fuzzer, so the ordinary build neither compiles nor links them.
if fuzzing {
    let fuzzers: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzJSON", ["WaymarkCore"]), ("FuzzCSV", ["WaymarkCore"]), ("FuzzQuery", ["WaymarkCore"]),
        ("FuzzText", ["WaymarkCore", "WaymarkTUI"]), ("FuzzKeys", ["WaymarkTerminal", "WaymarkTUI"]),
    ]
    for fuzzer in fuzzers {
        package.targets.append(.executableTarget(name: fuzzer.name, dependencies: fuzzer.dependencies,
                                                 path: "Tests/Fuzz/Sources/\(fuzzer.name)",
                                                 swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
        package.products.append(.executable(name: fuzzer.name, targets: [fuzzer.name]))
    }
}
