import ArgumentParser
import Foundation
import WaymarkCore

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic directory (recombined from the bundled records) for benchmarks.",
        discussion: "Every record says it is synthetic. The output is an HSDS-UK JSON page.")

    @Option(help: "How many services.") var services: Int
    @Option(help: ArgumentHelp("The JSON file to write.", valueName: "path")) var out: String
    @Option(help: "Random seed; the same seed gives the same directory.") var seed: UInt64 = 42
    @OptionGroup var options: DirectoryOptions

    func validate() throws {
        try OptionRange.check("services", services, in: OptionRange.services)
    }

    func run() throws {
        let ws = try options.open()
        let synthetic = SyntheticDirectory(base: ws.directory)
        var written = 0, organisations = Set<String>()
        do {
            // Service by service into the file: memory holds one service, not the directory.
            try SafeFile.stream(to: out) { file in
                try HSDSWriter(taxonomy: ws.taxonomy).writePage(count: ws.directory.services.isEmpty ? 0 : services, to: file) { put in
                    try synthetic.each(services: services, seed: seed) { org, s in
                        try put(s, org)
                        written += 1
                        organisations.insert(org.id)
                    }
                }
            }
        } catch {
            throw Console.fail("cannot write \(out): \(error.localizedDescription)", code: .ioError)
        }
        Console.out("Wrote \(written) synthetic services from \(organisations.count) organisations to \(out)")
    }
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure load, index, as-you-type search and matching, beside SQLite FTS5.",
        discussion: """
            Runs each directory in a fresh process so that resident memory is its own: the bundled directory, \
            then a synthetic one of --services services. Build in release mode first (make bench does).
            """)

    @Option(help: "Size of the synthetic directory.") var services = 100_000
    @Option(help: "text or json.") var format: OutputFormat = .text
    @Option(help: .hidden) var scenario: String?
    @Flag(help: "Measure `waymark serve` instead: requests/s and p99 under wrk on loopback.") var serve = false
    @Option(help: "With --serve: seconds per wrk run.") var seconds = 10
    @OptionGroup var options: DirectoryOptions

    func validate() throws {
        try OptionRange.check("services", services, in: OptionRange.services)
    }

    func run() throws {
        if serve { return try runServe() }
        if let scenario { return try runScenario(scenario) }
        #if DEBUG
        Console.warn("warning: this is a debug build; figures are only meaningful from a release build (make bench)")
        #endif
        var results: [[String: Any]] = []
        for s in ["bundled", "synthetic"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            var args = ["bench", "--scenario", s, "--services", String(services), "--format", "json"]
            if let d = options.directory { args += ["--directory", d] }
            p.arguments = args
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            guard p.terminationStatus == 0, let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw Console.fail("the \(s) benchmark failed (exit \(p.terminationStatus))", code: .ioError)
            }
            results.append(obj)
        }
        if format == .json { try Console.outJSON(["results": results]); return }
        Console.out("waymark bench (\(ProcessInfo.processInfo.activeProcessorCount) cores)\n")
        Console.out("measure                              bundled        synthetic   target (bundled / 100k)")
        func row(_ name: String, _ key: String, _ unit: String, _ target: String) {
            let a = (results[0][key] as? Double).map { String(format: "%.2f %@", $0, unit) } ?? "-"
            let b = (results[1][key] as? Double).map { String(format: "%.2f %@", $0, unit) } ?? "-"
            Console.out(name.padding(toLength: 34, withPad: " ", startingAt: 0) + a.leftPadded(11) + b.leftPadded(17) + "   " + target)
        }
        Console.out("services".padding(toLength: 34, withPad: " ", startingAt: 0) + "\(results[0]["services"] ?? 0)".leftPadded(11) + "\(results[1]["services"] ?? 0)".leftPadded(17))
        row("load", "load_ms", "ms", "")
        row("index build", "index_ms", "ms", "")
        row("load + index", "load_index_ms", "ms", "≤ 100 ms / ≤ 2000 ms")
        row("resident memory, directory loaded", "resident_after_load_mb", "MB", "")
        row("resident memory, index built", "resident_mb", "MB", "≤ 60 MB / ≤ 700 MB")
        row("as-you-type p50", "type_p50_ms", "ms", "")
        row("as-you-type p99", "type_p99_ms", "ms", "≤ 1 ms / ≤ 10 ms")
        row("FTS5 prefix query p50", "fts_type_p50_ms", "ms", "")
        row("FTS5 prefix query p99", "fts_type_p99_ms", "ms", "")
        row("FTS5 / waymark, p50", "fts_ratio_p50", "x", "> 1 (faster than FTS5)")
        row("FTS5 / waymark, p99", "fts_ratio_p99", "x", "> 1")
        row("match p50", "match_p50_ms", "ms", "")
        row("match p99", "match_p99_ms", "ms", "≤ 5 ms / ≤ 60 ms")
        Console.out("\nKeystrokes timed: \(results[0]["keystrokes"] ?? 0) (every prefix of \(Benchmark.queries.count) queries); matches timed: \(results[0]["matches"] ?? 0) (the evaluation people).")
    }

    static func syntheticStore(at path: String, from base: Directory, services: Int) throws -> Store {
        let synthetic = SyntheticDirectory(base: base).make(services: services)
        let store = try Store(path: path)
        var batch = ImportBatch()
        batch.organisations = synthetic.organisations
        batch.services = synthetic.services
        try store.apply(batch, source: "waymark generate (synthetic)")
        return store
    }

    func runScenario(_ scenario: String) throws {
        let ws = try options.open()
        let lexicon = try ws.fixtures.loadLexicon()
        let people = (try? EvalSet.load(ws.fixtures.path("eval/needs.jsonl"))) ?? []
        let load: () throws -> Directory
        var cleanup: String?
        switch scenario {
        case "bundled":
            guard let store = ws.store else { throw Console.fail("bench needs a database directory", code: .usage) }
            load = { try store.loadDirectory() }
        default:
            // The synthetic directory is written to a database first, so that "load" is the same path as the app's;
            // the generated copy is gone before anything is measured.
            let dir = NSTemporaryDirectory() + "waymark-bench-\(getpid())"
            let store = try Bench.syntheticStore(at: dir + "/bench.sqlite", from: ws.directory, services: services)
            Benchmark.releaseFreedMemory()
            cleanup = dir
            load = { try store.loadDirectory() }
        }
        defer { if let cleanup { try? FileManager.default.removeItem(atPath: cleanup) } }
        let f = try Benchmark.run(load: load, taxonomy: ws.taxonomy, lexicon: lexicon, gazetteer: ws.gazetteer, people: people, now: Console.now)
        try Console.outJSON([
            "scenario": scenario, "services": f.services, "load_ms": f.loadMs, "index_ms": f.indexMs, "load_index_ms": f.loadMs + f.indexMs,
            "resident_mb": f.residentMB, "resident_after_load_mb": f.residentAfterLoadMB, "type_p50_ms": f.typeP50Ms, "type_p99_ms": f.typeP99Ms,
            "fts_type_p50_ms": f.ftsTypeP50Ms, "fts_type_p99_ms": f.ftsTypeP99Ms,
            "fts_ratio_p50": f.ftsTypeP50Ms / max(f.typeP50Ms, 1e-6), "fts_ratio_p99": f.ftsTypeP99Ms / max(f.typeP99Ms, 1e-6),
            "match_p50_ms": f.matchP50Ms, "match_p99_ms": f.matchP99Ms, "keystrokes": f.keystrokes, "matches": f.matches,
        ] as [String: Any])
    }
}
