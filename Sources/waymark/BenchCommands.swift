import ArgumentParser
import Foundation
import WaymarkCore

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
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
        commandName: "bench",
        abstract: "Measure load, index, as-you-type search and matching, beside SQLite FTS5.",
        discussion: """
            Runs each directory in a fresh process so that resident memory is its own: the bundled directory, \
            then a synthetic one of --services services. Build in release mode first (make bench does).
            """)

    @Option(help: "Size of the synthetic directory.") var services = 100_000
    @Option(help: "text or json.") var format: OutputFormat = .text
    @Option(help: .hidden) var scenario: String?
    @Option(help: ArgumentHelp("Folder for the generated feeds and benchmark databases, kept between runs (a generated feed is reused).", valueName: "path"))
    var data: String = NSTemporaryDirectory() + "waymark-bench-data"
    @Option(help: "Runs of each whole-process measure (the median is shown).") var runs = 5
    @Flag(help: "Only the whole-process (cold) figures, not the in-process ones.") var coldOnly = false
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
        let cold = try runCold()
        var results: [BenchScenarioJSON] = []
        for s in coldOnly ? [] : ["bundled", "synthetic"] {
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
            guard p.terminationStatus == 0, let figures = try? JSONDecoder().decode(BenchScenarioJSON.self, from: data) else {
                throw Console.fail("the \(s) benchmark failed (exit \(p.terminationStatus))", code: .ioError)
            }
            results.append(figures)
        }
        struct Results: Encodable { var results: [BenchScenarioJSON]; var cold: [ColdFigures] }
        if format == .json { try Console.outJSON(Results(results: results, cold: cold)); return }
        Console.out("waymark bench (\(ProcessInfo.processInfo.activeProcessorCount) cores)\n")
        printCold(cold)
        if coldOnly { return }
        Console.out("measure                              bundled        synthetic   target (bundled / 100k)")
        func row(_ name: String, _ key: KeyPath<BenchScenarioJSON, Double>, _ unit: String, _ target: String) {
            let a = String(format: "%.2f %@", results[0][keyPath: key], unit)
            let b = String(format: "%.2f %@", results[1][keyPath: key], unit)
            Console.out(name.padding(toLength: 34, withPad: " ", startingAt: 0) + a.leftPadded(11) + b.leftPadded(17) + "   " + target)
        }
        Console.out("services".padding(toLength: 34, withPad: " ", startingAt: 0) + "\(results[0].services)".leftPadded(11) + "\(results[1].services)".leftPadded(17))
        row("load", \.load_ms, "ms", "")
        row("index build", \.index_ms, "ms", "")
        row("load + index", \.load_index_ms, "ms", "≤ 100 ms / ≤ 2000 ms")
        row("resident memory, directory loaded", \.resident_after_load_mb, "MB", "")
        row("resident memory, index built", \.resident_mb, "MB", "≤ 40 MB / ≤ 150 MB")
        row("as-you-type p50", \.type_p50_ms, "ms", "")
        row("as-you-type p99", \.type_p99_ms, "ms", "≤ 0.2 ms / ≤ 3 ms")
        row("FTS5 prefix query p50", \.fts_type_p50_ms, "ms", "")
        row("FTS5 prefix query p99", \.fts_type_p99_ms, "ms", "")
        row("FTS5 / waymark, p50", \.fts_ratio_p50, "x", "> 1 (faster than FTS5)")
        row("FTS5 / waymark, p99", \.fts_ratio_p99, "x", "> 1")
        row("match p50", \.match_p50_ms, "ms", "")
        row("match p99", \.match_p99_ms, "ms", "≤ 2 ms / ≤ 20 ms")
        Console.out("\nKeystrokes timed: \(results[0].keystrokes) (every prefix of \(Benchmark.queries.count) queries); matches timed: \(results[0].matches) (the evaluation people).")
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
        try Console.outJSON(BenchScenarioJSON(scenario: scenario, f))
    }
}

/// One scenario's figures, as `bench --scenario` writes them and `bench` reads them back.
struct BenchScenarioJSON: Codable {
    var scenario: String
    var services: Int
    var load_ms, index_ms, load_index_ms: Double
    var resident_mb, resident_after_load_mb: Double
    var type_p50_ms, type_p99_ms, fts_type_p50_ms, fts_type_p99_ms, fts_ratio_p50, fts_ratio_p99: Double
    var match_p50_ms, match_p99_ms: Double
    var keystrokes, matches: Int

    init(scenario: String, _ f: BenchFigures) {
        self.scenario = scenario
        services = f.services
        load_ms = f.loadMs; index_ms = f.indexMs; load_index_ms = f.loadMs + f.indexMs
        resident_mb = f.residentMB; resident_after_load_mb = f.residentAfterLoadMB
        type_p50_ms = f.typeP50Ms; type_p99_ms = f.typeP99Ms; fts_type_p50_ms = f.ftsTypeP50Ms; fts_type_p99_ms = f.ftsTypeP99Ms
        fts_ratio_p50 = f.ftsTypeP50Ms / max(f.typeP50Ms, 1e-6); fts_ratio_p99 = f.ftsTypeP99Ms / max(f.typeP99Ms, 1e-6)
        match_p50_ms = f.matchP50Ms; match_p99_ms = f.matchP99Ms
        keystrokes = f.keystrokes; matches = f.matches
    }
}

extension Bench {
    /// Imports the bundled directory and a generated one of --services services into fresh
    /// databases (timed, with peak memory), then starts the real binary cold against each.
    func runCold() throws -> [ColdFigures] {
        let ws = try options.open()
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var env = ProcessInfo.processInfo.environment
        env["XDG_DATA_HOME"] = data + "/home"
        let bench = ColdBench(binary: binary, environment: env, runs: runs)
        var out: [ColdFigures] = []
        for (label, feeds, size) in [("bundled", ws.fixtures.sampleFiles().paths, 0), ("synthetic", [data + "/synthetic-\(services).json"], services)] {
            var row = ColdFigures(directory: label)
            if size > 0, !FileManager.default.fileExists(atPath: feeds[0]) {
                Console.warn("generating \(size) services into \(feeds[0]) (once; later runs reuse it)…")
                let g = bench.spawn([binary, "generate", "--services", String(size), "--out", feeds[0]])
                guard g.status == 0 else { throw Console.fail("waymark generate failed (exit \(g.status))", code: .ioError) }
                row.generate_s = g.ms / 1000
                row.generate_peak_mb = g.peakMB
            }
            let db = data + "/\(label)-\(size).sqlite"
            for suffix in ["", "-wal", "-shm", ".index", ".lock", ".fts5.sqlite"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            Console.warn("importing the \(label) directory…")
            let i = bench.spawn([binary, "import"] + feeds + ["--directory", db])
            row.import_cpu_s = i.cpuMs / 1000
            guard i.status == 0 else { throw Console.fail("waymark import of the \(label) directory failed (exit \(i.status))", code: .ioError) }
            row.import_s = i.ms / 1000
            row.import_peak_mb = i.peakMB
            row.services = try Store(path: db).serviceCount()
            Console.warn("starting waymark cold against the \(label) directory…")
            try bench.measure(database: db, into: &row)
            if !row.ok { Console.warn("a cold run against the \(label) directory failed; its figures are not meaningful") }
            out.append(row)
        }
        return out
    }

    func printCold(_ cold: [ColdFigures]) {
        Console.out("Whole process, cold (spawn to exit, median of \(runs); peak from wait4)")
        Console.out("measure".padding(toLength: 34, withPad: " ", startingAt: 0) + cold.map { $0.directory.leftPadded(15) }.joined()
                    + "   target (bundled / 100k / 1M)")
        func row(_ name: String, _ key: KeyPath<ColdFigures, Double?>, _ unit: String, _ target: String) {
            let cells = cold.map { $0[keyPath: key].map { String(format: "%.1f %@", $0, unit) } ?? "-" }
            Console.out(name.padding(toLength: 34, withPad: " ", startingAt: 0) + cells.map { $0.leftPadded(15) }.joined() + "   " + target)
        }
        Console.out("services".padding(toLength: 34, withPad: " ", startingAt: 0) + cold.map { ($0.services.map(String.init) ?? "-").leftPadded(15) }.joined())
        row("generate (once)", \.generate_s, "s", "")
        row("generate peak memory", \.generate_peak_mb, "MB", "")
        row("import of the JSON page", \.import_s, "s", "- / ≤ 20 s / ≤ 240 s")
        row("import peak memory", \.import_peak_mb, "MB", "- / ≤ 500 MB / ≤ 1 GB")
        row("cold waymark search", \.cold_search_ms, "ms", "≤ 30 / ≤ 50 / ≤ 300 ms")
        row("cold search, CPU (user + sys)", \.cold_search_cpu_ms, "ms", "")
        row("cold search peak memory", \.cold_search_peak_mb, "MB", "≤ 40 / ≤ 150 / ≤ 1024 MB")
        row("cold FTS5 query (sqlite3)", \.fts5_cold_ms, "ms", "")
        row("cold FTS5 query, CPU", \.fts5_cold_cpu_ms, "ms", "")
        row("cold search / FTS5", \.fts5_ratio, "x", "- / ≤ 5x")
        row("cold search / FTS5, CPU (10 ms floor)", \.fts5_cpu_ratio, "x", "")
        row("cold waymark match", \.cold_match_ms, "ms", "≤ 40 / ≤ 120 / ≤ 800 ms")
        row("cold match, CPU (user + sys)", \.cold_match_cpu_ms, "ms", "")
        row("cold match peak memory", \.cold_match_peak_mb, "MB", "")
        row("TUI first screen (tmux, list drawn)", \.tui_first_screen_ms, "ms", "≤ 100 / ≤ 200 ms / -")
        Console.out("Search: `waymark search \(ColdBench.searchQuery) --format json`; FTS5: the same prefix through `sqlite3`; match: \"\(ColdBench.matchText)\".\n")
    }
}

/// One directory's whole-process figures, as `bench` prints them and writes them in JSON.
struct ColdFigures: Encodable {
    var directory: String
    var services: Int?
    var generate_s, generate_peak_mb, import_s, import_cpu_s, import_peak_mb: Double?
    var cold_search_ms, cold_search_cpu_ms, cold_search_peak_mb: Double?
    var cold_match_ms, cold_match_cpu_ms, cold_match_peak_mb: Double?
    var fts5_cold_ms, fts5_cold_cpu_ms, fts5_ratio, fts5_cpu_ratio: Double?
    var tui_first_screen_ms: Double?
    var ok = true

    init(directory: String) { self.directory = directory }
}
