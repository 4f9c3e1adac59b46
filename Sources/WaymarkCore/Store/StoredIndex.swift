import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The search index kept beside the database (`NAME.sqlite.index`), so that a process
/// opens it memory-mapped instead of loading every service and building it again.
///
/// It is written at import, inside the import's transaction: the new image goes to a
/// temporary file, is flushed to disk, the transaction commits, and only then is the file
/// renamed over the old one. A crash before the commit leaves the old data and the old
/// index, which still match; a crash between commit and rename leaves new data beside an
/// old index, which its fingerprint gives away, so it is rebuilt at the next open and never
/// served. The fingerprint is the data version the import wrote into `meta`, the taxonomy's
/// own fingerprint and the image's format version.
public enum StoredIndex {
    /// The steps of an import that writes the index, named so that a test can fail between them.
    public enum ImportStep: Sendable, Equatable {
        case rowsWritten, indexWritten, committed
    }

    public struct SimulatedCrash: Error, Equatable {
        public let at: ImportStep
    }

    public static func path(for databasePath: String) -> String { databasePath + ".index" }
    static func temporaryPath(for databasePath: String) -> String {
        let p = path(for: databasePath)
        return (PathName.folder(of: p) as NSString).appendingPathComponent(".\((p as NSString).lastPathComponent).tmp")
    }

    /// What the stored index must record to be used with this data and this taxonomy.
    public static func fingerprint(dataVersion: String, taxonomy: Taxonomy) -> String {
        var hash = FNV1a()
        for v in Vocabulary.allCases {
            hash.add(v.rawValue)
            for t in taxonomy.terms(v) { hash.add(t.code + "\u{1}" + t.label + "\u{1}" + (t.parent ?? "") + "\u{2}") }
        }
        return "format \(IndexImage.formatVersion); data \(dataVersion); taxonomy \(hash.hex)"
    }

    /// Why a stored index was not used.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case missing
        case stale
        case unreadable(String)
        public var description: String {
            switch self {
            case .missing: return "there is no stored search index yet"
            case .stale: return "the stored search index was built for other data"
            case .unreadable(let why): return why
            }
        }
    }

    /// The stored index when it is there, whole and made for `fingerprint`; otherwise why not.
    public static func load(databasePath: String, fingerprint: String, taxonomy: Taxonomy, lexicon: Lexicon) -> Result<SearchIndex, Refusal> {
        let file = path(for: databasePath)
        guard FileManager.default.fileExists(atPath: file) else { return .failure(.missing) }
        do {
            let image = try IndexImage(mapping: file)
            guard image.fingerprint == fingerprint else { return .failure(.stale) }
            return .success(try SearchIndex(image: image, taxonomy: taxonomy, lexicon: lexicon))
        } catch {
            return .failure(.unreadable("\(error)"))
        }
    }

    /// Opens the stored index, rebuilding it once (under the database's lock, with `progress`
    /// told how far it has got) when it is missing, stale or damaged. A second process that
    /// waits on the lock finds it rebuilt and maps that.
    public static func openOrRebuild(store: Store, taxonomy: Taxonomy, lexicon: Lexicon,
                            progress: @escaping (Double) -> Void = { _ in }) throws -> SearchIndex {
        let wanted = fingerprint(dataVersion: try store.dataVersion(), taxonomy: taxonomy)
        if case .success(let index) = load(databasePath: store.path, fingerprint: wanted, taxonomy: taxonomy, lexicon: lexicon) {
            return index
        }
        return try FileLock.exclusive(beside: store.path) {
            // The data version is read again under the lock: an import may have finished meanwhile.
            let version = try store.ensureDataVersion()
            let wanted = fingerprint(dataVersion: version, taxonomy: taxonomy)
            if case .success(let index) = load(databasePath: store.path, fingerprint: wanted, taxonomy: taxonomy, lexicon: lexicon) {
                return index
            }
            progress(0)
            let directory = try store.loadDirectory()
            progress(0.3)
            let bytes = SearchIndex.buildImage(services: directory.services, organisationNames: directory.organisationNames,
                                               taxonomy: taxonomy, fingerprint: wanted) { progress(0.3 + 0.6 * $0) }
            try writeTemporary(bytes, databasePath: store.path)
            try install(databasePath: store.path)
            progress(1)
            let image = try IndexImage(mapping: path(for: store.path))
            return try SearchIndex(image: image, taxonomy: taxonomy, lexicon: lexicon)
        }
    }

    /// Writes the image to the temporary file and flushes it to disk; `install` puts it in place.
    static func writeTemporary(_ bytes: [UInt8], databasePath: String) throws {
        let tmp = temporaryPath(for: databasePath)
        unlink(tmp)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.corrupt("cannot write the search index \(tmp): \(String(cString: strerror(errno))); check the disk has room") }
        defer { close(fd) }
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else {
                    let why = String(cString: strerror(errno))
                    unlink(tmp)
                    throw StoreError.corrupt("cannot write the search index \(tmp): \(why); check the disk has room")
                }
                done += n
            }
        }
        guard fsync(fd) == 0 else { throw StoreError.corrupt("cannot flush the search index \(tmp) to disk: \(String(cString: strerror(errno)))") }
    }

    /// Renames the flushed temporary file over the stored index and flushes the folder, so the
    /// new name survives a power cut. Processes that mapped the old file keep reading it.
    static func install(databasePath: String) throws {
        let tmp = temporaryPath(for: databasePath), file = path(for: databasePath)
        guard rename(tmp, file) == 0 else {
            throw StoreError.corrupt("cannot put the search index in place at \(file): \(String(cString: strerror(errno)))")
        }
        let dfd = open(PathName.folder(of: file), O_RDONLY | O_CLOEXEC)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }

    /// Removes a temporary file an interrupted import left behind.
    static func discardTemporary(databasePath: String) { unlink(temporaryPath(for: databasePath)) }
}
