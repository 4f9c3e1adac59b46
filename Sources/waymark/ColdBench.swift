import Foundation
import GRDB
import WaymarkCore

/// Whole-process figures: the real binary spawned as a user would start it, timed from
/// spawn to exit, with its peak resident memory and CPU time from the kernel, beside the
/// `sqlite3` command line answering the same prefix query from an FTS5 table.
///
/// The child runs under GNU time, which reads them with wait4: a child spawned straight from
/// this process would report this process's peak, since Linux keeps the larger of the old
/// and new peaks across exec, and posix_spawn starts the child in this process's memory.
/// CPU time is reported beside wall time because on a shared machine wall time is mostly
/// waiting for a core.
struct ColdBench {
    /// What one child cost.
    struct Run { var ms: Double; var cpuMs: Double; var peakMB: Double; var status: Int32 }

    let binary: String
    let environment: [String: String]
    let runs: Int

    /// Spawns `argv` with stdout and stderr discarded and waits for it.
    func spawn(_ argv: [String]) -> Run {
        let report = NSTemporaryDirectory() + "waymark-bench-time-\(getpid())"
        defer { unlink(report) }
        var run = spawnDirect(["/usr/bin/time", "-f", "%M %U %S", "-o", report] + argv)
        let fields = ((try? String(contentsOfFile: report, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        if fields.count >= 3 {
            run.peakMB = fields[fields.count - 3] / 1024
            run.cpuMs = (fields[fields.count - 2] + fields[fields.count - 1]) * 1000
        }
        return run
    }

    private func spawnDirect(_ argv: [String], stdout: String = "/dev/null") -> Run {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in cArgs + cEnv { free(p) } }
        let start = DispatchTime.now()
        guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv) == 0 else { return Run(ms: 0, cpuMs: 0, peakMB: 0, status: -1) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
        return Run(ms: ms, cpuMs: 0, peakMB: 0, status: (status >> 8) & 0xFF)
    }

    /// The median time and the largest peak of `runs` runs (the first, which fills the page cache, included).
    func median(_ argv: [String]) -> (ms: Double, cpuMs: Double, peakMB: Double, ok: Bool) {
        let all = (0..<runs).map { _ in spawn(argv) }
        let times = all.map(\.ms).sorted(), cpu = all.map(\.cpuMs).sorted()
        return (times[times.count / 2], cpu[cpu.count / 2], all.map(\.peakMB).max() ?? 0, all.allSatisfy { $0.status == 0 })
    }

    static let searchQuery = "demen"
    static let matchText = "my mum keeps forgetting things and I need a break"

    /// The figures for one database: cold search and match, their memory, FTS5's cold query and the interface's first screen.
    func measure(database: String, into out: inout ColdFigures) throws {
        // The first open after an import maps the index the import wrote; a run that finds it
        // missing would rebuild it, so one untimed run makes sure it is there.
        _ = spawn([binary, "search", "x", "--directory", database])
        let search = median([binary, "search", ColdBench.searchQuery, "--format", "json", "--directory", database])
        let match = median([binary, "match", "--text", ColdBench.matchText, "--format", "json", "--directory", database])
        out.cold_search_ms = search.ms
        out.cold_search_cpu_ms = search.cpuMs
        out.cold_search_peak_mb = search.peakMB
        out.cold_match_ms = match.ms
        out.cold_match_cpu_ms = match.cpuMs
        out.cold_match_peak_mb = match.peakMB
        out.ok = search.ok && match.ok
        out.tui_first_screen_ms = tuiFirstScreen(database: database)
        let fts = database + ".fts5.sqlite"
        if !FileManager.default.fileExists(atPath: fts) { try ColdBench.writeFTS5(from: database, to: fts) }
        if let sqlite = ColdBench.which("sqlite3") {
            let q = median([sqlite, fts, "SELECT rowid FROM doc WHERE doc MATCH '\"\(ColdBench.searchQuery)\"*' ORDER BY bm25(doc) LIMIT 10"])
            out.fts5_cold_ms = q.ms
            out.fts5_cold_cpu_ms = q.cpuMs
            out.fts5_ratio = search.ms / max(q.ms, 1e-6)
            out.fts5_cpu_ratio = search.cpuMs / max(q.cpuMs, 1)
        }
    }

    /// The FTS5 table the baseline queries: name and description of every service, as FTS5's docs suggest.
    static func writeFTS5(from database: String, to path: String) throws {
        let store = try Store(path: database)
        let directory = try store.loadDirectory()
        let tmp = path + ".tmp"
        try? FileManager.default.removeItem(atPath: tmp)
        let db = try DatabaseQueue(path: tmp)
        try db.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE doc USING fts5(name, description, tokenize = 'porter unicode61 remove_diacritics 2')")
            for (i, s) in directory.services.enumerated() {
                try db.execute(sql: "INSERT INTO doc(rowid, name, description) VALUES (?, ?, ?)", arguments: [i, s.name, s.description])
            }
        }
        try db.close()
        try FileManager.default.moveItem(atPath: tmp, toPath: path)
    }

    /// The interface's first screen: the time from starting the binary in a tmux pane (100×30)
    /// to the results list being drawn, polled from tmux every few milliseconds; the median of
    /// `runs`. Nil without tmux.
    func tuiFirstScreen(database: String) -> Double? {
        guard let tmux = ColdBench.which("tmux") else { return nil }
        let socket = "waymark-bench-\(getpid())"
        // posix_spawn and wait4, as the timed runs use: the first call starts the tmux server,
        // which keeps the descriptors it was given, so output is read from a file, never a pipe.
        let screenFile = NSTemporaryDirectory() + "waymark-bench-screen-\(getpid())"
        defer { unlink(screenFile) }
        func tm(_ args: [String], reading: Bool = true) -> String {
            _ = spawnDirect([tmux, "-L", socket, "-f", "/dev/null"] + args, stdout: reading ? screenFile : "/dev/null")
            return reading ? ((try? String(contentsOfFile: screenFile, encoding: .utf8)) ?? "") : ""
        }
        _ = tm(["new-session", "-d", "-s", "b", "-x", "100", "-y", "30", "sleep 600"], reading: false)
        defer { _ = tm(["kill-server"], reading: false) }
        let command = ([binary, "--directory", database]).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now()
            // The pane outlives the interface (`; sleep`): a pane whose command ends closes its
            // session, the server exits with it, and every run after the first found no pane.
            _ = tm(["respawn-pane", "-k", "-t", "b", "env XDG_DATA_HOME='\(environment["XDG_DATA_HOME"] ?? "")' " + command + "; sleep 600"], reading: false)
            let deadline = start.uptimeNanoseconds + 30_000_000_000
            var drawn = false
            while DispatchTime.now().uptimeNanoseconds < deadline {
                // The list is drawn when its title and a first row are on the screen.
                let screen = tm(["capture-pane", "-p", "-t", "b"])
                if screen.contains("Results"), screen.split(separator: "\n").count > 6 { drawn = true; break }
                usleep(2_000)
            }
            guard drawn else { return nil }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000)
            _ = tm(["send-keys", "-t", "b", "C-c"], reading: false)
            usleep(200_000)
        }
        times.sort()
        return times[times.count / 2]
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}
