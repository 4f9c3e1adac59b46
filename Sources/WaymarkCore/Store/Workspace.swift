import Foundation

/// What a Waymark session works with: the vocabularies and gazetteer from the
/// bundled fixtures, and an open directory (the working database, another database,
/// or an HSDS-UK JSON file opened read-only in memory).
public struct Workspace: Sendable {
    public let fixtures: Fixtures
    public let taxonomy: Taxonomy
    public let gazetteer: Gazetteer
    /// Nil when the directory came from a JSON file rather than a database.
    public let store: Store?
    /// Every record, loaded from the database on first use: search, match and the interface
    /// never ask for it (they read the stored index), only export, list, stats and the like.
    public var directory: Directory { loaded.directory }
    /// The organisations, without loading the services.
    public var organisations: [Organisation] { loaded.organisations }
    private let loaded: LazyDirectory
    /// A short name for the open directory, for status lines.
    public let name: String
    /// True when the open directory is the bundled sample data.
    public let isSample: Bool
    public let warnings: [String]
    /// A directory read straight from files (`--directory FILE.json`) keeps its source records here.
    var fileSources = SourceRecords()

    /// Every record as its source wrote it, for a lossless export.
    public func sourceRecords() throws -> SourceRecords { try store?.sourceRecords() ?? fileSources }

    /// The records of a directory read from files, for a reader of one answer's at a time (a
    /// database's are read through `Store.snapshot()`).
    public var fileSourceLookup: any SourceRecordLookup { fileSources }

    public static let sampleNotice = "SAMPLE DATA: built on the 2015 consultation's public list of providers; service details, addresses and numbers are illustrative. Do not use for real referrals."

    public enum OpenError: Error, CustomStringConvertible {
        case missing(String)
        case badData([ImportIssue])
        case other(String)

        public var description: String {
            switch self {
            case .missing(let path): return "\(path) does not exist; check the path, or leave out --directory to use the bundled directory"
            case .badData(let issues): return issues.map(\.description).joined(separator: "\n")
            case .other(let text): return text
            }
        }
    }

    /// Opens `directoryPath` (a database or an HSDS JSON file), or the working database,
    /// seeding it from the bundled sample directory on first run or when that has changed.
    /// With `create`, a database path that does not exist yet is created (for `import`).
    public static func open(directoryPath: String?, create: Bool = false,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Workspace {
        guard let fixtures = Fixtures.locate(environment: environment) else { throw FixturesError.notFound }
        let taxonomy = try fixtures.loadTaxonomy()
        let gazetteer = try fixtures.loadGazetteer()

        if let path = directoryPath {
            let exists = FileManager.default.fileExists(atPath: path)
            guard exists || (create && !path.lowercased().hasSuffix(".json")) else { throw OpenError.missing(path) }
            if path.lowercased().hasSuffix(".json") || isDirectoryPath(path) {
                let batch = HSDSReader(taxonomy: taxonomy).read(paths: [path])
                guard batch.isAcceptable else { throw OpenError.badData(batch.errors) }
                return Workspace(fixtures: fixtures, taxonomy: taxonomy, gazetteer: gazetteer, store: nil,
                                 loaded: LazyDirectory(Directory(organisations: batch.organisations, services: batch.services)),
                                 name: (path as NSString).lastPathComponent, isSample: false,
                                 warnings: batch.warnings.map(\.description), fileSources: batch.sources)
            }
            let store = try Store(path: path)
            return Workspace(fixtures: fixtures, taxonomy: taxonomy, gazetteer: gazetteer, store: store,
                             loaded: LazyDirectory(store), name: (path as NSString).lastPathComponent,
                             isSample: try store.showsSample(), warnings: [])
        }

        let store = try Store(path: DataPaths.defaultDatabase(environment: environment))
        var warnings: [String] = []
        let source = try store.meta("source")
        // The sample files unchanged since they were last read (names, sizes, times): nothing to do.
        if source == nil || source == "bundled", case let stat = fixtures.sampleStat(), try store.meta("bundled_stat") != stat {
            let (paths, fingerprint) = fixtures.sampleFiles()
            // Seeding is set-up too: under the lock, and checked again inside it, so that
            // two first runs at once seed once and the second finds it done.
            try FileLock.exclusive(beside: store.path) {
                guard [nil, "bundled"].contains(try store.meta("source")), !paths.isEmpty else { return }
                guard try store.meta("bundled_fingerprint") != fingerprint else {
                    // Touched but the same: remember the new times, so the next start reads nothing.
                    try store.setMeta("bundled_stat", stat)
                    return
                }
                let batch = HSDSReader(taxonomy: taxonomy).read(paths: paths)
                guard batch.isAcceptable else { throw OpenError.badData(batch.errors) }
                warnings += batch.warnings.map(\.description)
                try store.apply(batch, source: "bundled sample directory", replacingAll: true,
                                meta: ["source": "bundled", "bundled_fingerprint": fingerprint, "bundled_stat": stat],
                                origin: SourceName.sample, indexWith: taxonomy)
            }
        }
        // The sample's name only while the sample is all there is to see.
        let feedShown = try store.hasEnabledFeed()
        let sampleOnly = (source == nil || source == "bundled") && !feedShown
        return Workspace(fixtures: fixtures, taxonomy: taxonomy, gazetteer: gazetteer, store: store,
                         loaded: LazyDirectory(store), name: sampleOnly ? "bundled B&NES directory" : "working directory",
                         isSample: try store.showsSample(), warnings: warnings)
    }

    static func isDirectoryPath(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The search index: for a database, the stored one (memory-mapped, rebuilt once with
    /// `progress` when missing or stale); for a JSON file, one built in memory.
    public func searchIndex(lexicon: Lexicon, progress: @escaping (Double) -> Void = { _ in }) throws -> SearchIndex {
        guard let store else { return SearchIndex(directory: directory, taxonomy: taxonomy, lexicon: lexicon) }
        return try StoredIndex.openOrRebuild(store: store, taxonomy: taxonomy, lexicon: lexicon, progress: progress)
    }
}

/// A directory read from the database the first time it is asked for, once.
final class LazyDirectory: @unchecked Sendable {
    private let lock = NSLock()
    private let store: Store?
    private var value: Directory?
    private var orgs: [Organisation]?

    init(_ directory: Directory) { value = directory; store = nil }
    init(_ store: Store) { self.store = store }

    /// A database that cannot be read after it opened is a fault the caller cannot work around,
    /// so it is reported the way `loadDirectory` reports it and the program stops.
    var directory: Directory {
        lock.lock(); defer { lock.unlock() }
        if let value { return value }
        do {
            let d = try store!.loadDirectory()
            value = d
            return d
        } catch {
            StandardStream.error.writeLine(SafeText(line: "waymark: \(error)"))
            exit(74)
        }
    }

    var organisations: [Organisation] {
        lock.lock()
        if let value { lock.unlock(); return value.organisations }
        if let orgs { lock.unlock(); return orgs }
        lock.unlock()
        let o = (try? store?.loadOrganisations()) ?? nil
        lock.lock(); defer { lock.unlock() }
        orgs = o ?? []
        return orgs!
    }
}
