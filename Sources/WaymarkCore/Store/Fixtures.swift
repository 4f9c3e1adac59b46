import Foundation

/// The bundled `Fixtures/` folder: taxonomy, gazetteer, lexicon and the sample directory.
///
/// Found wherever Waymark is started from: `$WAYMARK_FIXTURES`, then beside or above
/// the executable (a build in `.build/release/` finds the repository's folder), then
/// above the current directory.
public struct Fixtures: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Fixtures? {
        if let explicit = environment["WAYMARK_FIXTURES"], isFixtures(explicit) { return Fixtures(root: explicit) }
        var starts: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(PathName.parent(exe))
        }
        starts.append(PathName.folder(of: CommandLine.arguments[0]))
        starts.append(FileManager.default.currentDirectoryPath)
        return search(from: starts)
    }

    /// The first Fixtures folder at or above each start in turn; a relative start ("." for a
    /// binary run as `./waymark`) is taken from the current folder.
    static func search(from starts: [String]) -> Fixtures? {
        let here = FileManager.default.currentDirectoryPath
        for start in starts where !start.isEmpty {
            var dir = ((start.hasPrefix("/") ? start : (here as NSString).appendingPathComponent(start)) as NSString).standardizingPath
            for _ in 0..<8 {
                for candidate in ["Fixtures", "share/waymark/Fixtures"] {
                    let path = (dir as NSString).appendingPathComponent(candidate)
                    if isFixtures(path) { return Fixtures(root: path) }
                }
                let parent = PathName.parent(dir)
                if parent == dir || parent.isEmpty { break }
                dir = parent
            }
        }
        return nil
    }

    static func isFixtures(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("taxonomy.json"))
    }

    public func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }
    public var sampleDirectory: String { path("banes") }

    public func loadTaxonomy() throws -> Taxonomy {
        try Taxonomy(data: try read("taxonomy.json"))
    }

    public func loadGazetteer() throws -> Gazetteer {
        guard FileManager.default.fileExists(atPath: path("gazetteer.json")) else { return Gazetteer(places: []) }
        return try Gazetteer(data: try read("gazetteer.json"))
    }

    public func loadLexicon() throws -> Lexicon {
        guard FileManager.default.fileExists(atPath: path("lexicon.json")) else { return Lexicon(entries: []) }
        return try Lexicon(data: try read("lexicon.json"))
    }

    /// The lexicon, read from its compiled copy beside the database when that was made from
    /// this `lexicon.json` (`CompiledLexicon`), else compiled and the copy written.
    public func loadLexicon(compiledBeside databasePath: String?) throws -> Lexicon {
        guard let databasePath else { return try loadLexicon() }
        guard FileManager.default.fileExists(atPath: path("lexicon.json")) else { return Lexicon(entries: []) }
        return try CompiledLexicon.load(source: try read("lexicon.json"), databasePath: databasePath)
    }

    /// The official `datapackage.json` of a tabular profile.
    public func loadDescriptor(_ profile: TabularProfile) throws -> Data {
        try read(profile.descriptorFile)
    }

    func read(_ name: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path(name)) else { throw FixturesError.unreadable(path(name)) }
        return data
    }

    /// The sample directory's files, and a fingerprint of their contents that tells
    /// a stored copy when the bundled data has changed.
    public func sampleFiles() -> (paths: [String], fingerprint: String) {
        let paths = samplePaths()
        var hash = FNV1a()
        for p in paths {
            hash.add(p)
            if let data = FileManager.default.contents(atPath: p) { hash.add(data: data) }
        }
        return (paths, hash.hex)
    }

    func samplePaths() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sampleDirectory)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted().map { (sampleDirectory as NSString).appendingPathComponent($0) }
    }

    /// A fingerprint of the sample files' names, sizes and modification times (to the nanosecond):
    /// what every start checks, as git checks its index, so that only a start after the files were
    /// touched reads their 5 MB to see whether their contents changed (`sampleFiles`).
    public func sampleStat() -> String {
        var hash = FNV1a()
        for p in samplePaths() {
            var st = stat()
            guard stat(p, &st) == 0 else { hash.add(p + "\tmissing\n"); continue }
            hash.add("\(p)\t\(st.st_size)\t\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)\t\(st.st_ino)\n")
        }
        return hash.hex
    }
}

public enum FixturesError: Error, CustomStringConvertible {
    case notFound
    case unreadable(String)

    public var description: String {
        switch self {
        case .notFound:
            return "cannot find Waymark's Fixtures folder (taxonomy.json); run from the repository or set WAYMARK_FIXTURES to its path"
        case .unreadable(let path):
            return "cannot read \(path); check the file exists and is readable"
        }
    }
}

/// Where Waymark keeps its working database: `$XDG_DATA_HOME/waymark/`, else `~/.local/share/waymark/`.
public enum DataPaths {
    public static func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("waymark")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/share/waymark")
    }

    public static func defaultDatabase(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (dataDirectory(environment: environment) as NSString).appendingPathComponent("waymark.sqlite")
    }
}
