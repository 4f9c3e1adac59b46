import Foundation
import GRDB

/// The working database: SQLite through GRDB, in WAL mode so that two Waymark
/// windows can read and write at once without "database is locked".
///
/// Services are stored whole, as JSON documents of the model, with their taxonomy
/// codes copied into `service_term` so that SQL can count and filter by them.
public final class Store: Sendable {
    public let path: String
    let pool: DatabasePool

    public init(path: String) throws {
        self.path = path
        // A bare file name ("NAME.sqlite") has no folder part; it lives in the current folder.
        let dir = PathName.folder(of: path)
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotOpen(path, "cannot create the folder \(dir): \((error as NSError).localizedDescription)")
        }
        pool = try FileLock.exclusive(beside: path) {
            // Created empty with owner-only permissions first; SQLite gives its -wal and -shm files the same mode.
            if !FileManager.default.fileExists(atPath: path) {
                FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            var config = Configuration()
            config.busyMode = .timeout(10)
            config.label = "waymark"
            let pool: DatabasePool
            do {
                pool = try DatabasePool(path: path, configuration: config)
                try Store.migrator.migrate(pool)
            } catch {
                throw StoreError.cannotOpen(path, Store.plain(error))
            }
            return pool
        }
    }

    /// A database error in words, without SQL text: what SQLite said, not the statement.
    public static func plain(_ error: Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "SQLite error \(e.resultCode)" }
        return (error as NSError).localizedDescription
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("2026-11-01 directory") { db in
            try db.create(table: "organisation") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("document", .text).notNull()
            }
            try db.create(table: "service") { t in
                t.primaryKey("id", .text)
                t.column("organisation_id", .text).notNull().indexed()
                t.column("name", .text).notNull()
                t.column("status", .text).notNull()
                t.column("document", .text).notNull()
            }
            try db.create(table: "service_term") { t in
                t.column("service_id", .text).notNull().references("service", onDelete: .cascade)
                t.column("taxonomy", .text).notNull()
                t.column("code", .text).notNull()
                t.primaryKey(["service_id", "taxonomy", "code"])
            }
            try db.create(index: "service_term_code", on: "service_term", columns: ["taxonomy", "code"])
            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        m.registerMigration("2026-11-02 import log") { db in
            try db.create(table: "import_log") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .text).notNull()
                t.column("source", .text).notNull()
                t.column("services", .integer).notNull()
                t.column("organisations", .integer).notNull()
            }
        }
        m.registerMigration("2026-11-03 shortlists") { db in
            try db.create(table: "shortlist") { t in
                t.primaryKey("name", .text)
                t.column("updated_at", .text).notNull()
            }
            try db.create(table: "shortlist_item") { t in
                t.column("shortlist", .text).notNull().references("shortlist", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("service_id", .text).notNull()
                t.column("note", .text).notNull().defaults(to: "")
                t.primaryKey(["shortlist", "service_id"])
            }
        }
        m.registerMigration("2026-11-23 packed documents") { db in
            // The binary form (PackedCodec) replaces the JSON document, which stays for older rows.
            try db.alter(table: "service") { t in t.add(column: "packed", .blob) }
        }
        m.registerMigration("2026-12-02 handout notes") { db in
            // Two kinds of note: `note` is for the person (printed); `private_note` is the navigator's, never printed.
            try db.alter(table: "shortlist_item") { t in t.add(column: "private_note", .text).notNull().defaults(to: "") }
            try db.alter(table: "shortlist") { t in
                t.add(column: "note", .text).notNull().defaults(to: "")
                t.add(column: "private_note", .text).notNull().defaults(to: "")
            }
        }
        m.registerMigration("2026-12-02 interop source records") { db in
            // Each record as the source wrote it, for a lossless export (SourceRecords).
            try db.create(table: "source_record") { t in
                t.column("kind", .text).notNull()
                t.column("id", .text).notNull()
                t.column("document", .text).notNull()
                t.primaryKey(["kind", "id"])
            }
        }
        m.registerMigration("2026-12-02 sync sources") { db in try Store.migrateToSources(db) }
        m.registerMigration("v8-h-oruk-source-record-owner") { db in
            // Which source wrote each kept record, so that a full sync can drop every record of its
            // own that the feed no longer lists (locations, programs, terms: not only services).
            try db.alter(table: "source_record") { t in t.add(column: "source", .text) }
            try db.execute(sql: """
                UPDATE source_record SET source = (SELECT source FROM service WHERE service.id = source_record.id) WHERE kind = 'service';
                UPDATE source_record SET source = (SELECT source FROM organisation WHERE organisation.id = source_record.id) WHERE kind = 'organisation';
                """)
        }
        return m
    }

    // MARK: Reading

    public func loadDirectory() throws -> Directory {
        try pool.read { db in try Store.readDirectory(db) }
    }

    /// The organisations alone (the interface lists providers without loading any service).
    public func loadOrganisations() throws -> [Organisation] {
        try pool.read { db in try Store.readOrganisations(db) }
    }

    static func readOrganisations(_ db: Database) throws -> [Organisation] {
        let decoder = JSONDecoder()
        return try String.fetchAll(db, sql: "SELECT document FROM organisation WHERE \(Store.shownSource)").map {
            try decoder.decode(Organisation.self, from: Data($0.utf8))
        }.sorted { $0.id < $1.id }
    }

    /// What the data is now: a new value at every import, recorded by the stored index it matches.
    public func dataVersion() throws -> String {
        try meta(Store.dataVersionKey) ?? "none"
    }

    /// The data version, first giving the directory one if an older Waymark wrote it without.
    func ensureDataVersion() throws -> String {
        try pool.write { db in
            if let v = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Store.dataVersionKey]) { return v }
            let v = UUID().uuidString
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [Store.dataVersionKey, v])
            return v
        }
    }

    static let dataVersionKey = "data_version"

    /// Marks the directory as changed, inside the writing transaction: a stored index made for
    /// the old version is stale from the moment this commits.
    static func newDataVersion(_ db: Database) throws -> String {
        let version = UUID().uuidString
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [Store.dataVersionKey, version])
        return version
    }

    static func readDirectory(_ db: Database) throws -> Directory {
            let decoder = JSONDecoder()
            let orgs = try readOrganisations(db)
            // Rows are read in batches and decoded on every core; a row is dropped from memory once decoded.
            var services: [Service] = []
            services.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM service") ?? 0)
            var batch: [Data] = []
            var jsonRows: [String] = []
            func flush() throws {
                services += try Store.decode(batch)
                batch.removeAll(keepingCapacity: true)
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT packed, document FROM service WHERE \(Store.shownSource)")
            while let row = try rows.next() {
                if let packed = row["packed"] as Data? {
                    batch.append(packed)
                    if batch.count == 8192 { try flush() }
                } else {
                    jsonRows.append(row["document"])
                }
            }
            try flush()
            services += try jsonRows.map { try decoder.decode(Service.self, from: Data($0.utf8)) }
            return Directory(organisations: orgs, services: services)
    }

    /// Decodes packed services, splitting the work over the machine's cores.
    static func decode(_ blobs: [Data]) throws -> [Service] {
        guard !blobs.isEmpty else { return [] }
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, blobs.count / 256))
        let results = LockedSlots<Result<[Service], Error>>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (blobs.count * part / parts)..<(blobs.count * (part + 1) / parts)
            let interned = InternTable()
            var out: [Service] = []
            out.reserveCapacity(range.count)
            do {
                for i in range {
                    try blobs[i].withUnsafeBytes { raw in
                        var r = PackedCodec.Reader(bytes: raw.bindMemory(to: UInt8.self), interned: interned)
                        out.append(try PackedCodec.decodeService(&r))
                    }
                }
                results.set(part, .success(out))
            } catch {
                results.set(part, .failure(StoreError.corrupt("a stored service could not be read (\(error)); re-import the directory")))
            }
        }
        return try results.values.flatMap { try $0!.get() }
    }

    public func serviceCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM service") ?? 0 }
    }

    public func meta(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }

    /// Counts of services by a vocabulary's codes, from SQL.
    public func termCounts(_ vocabulary: Vocabulary) throws -> [(code: String, count: Int)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT code, COUNT(*) AS n FROM service_term WHERE taxonomy = ? GROUP BY code ORDER BY n DESC, code
                """, arguments: [vocabulary.rawValue]).map { ($0["code"], $0["n"]) }
        }
    }

    // MARK: Writing

    /// Applies an import in one transaction: every record or none.
    /// With `replacingAll`, the records of `origin` (the source they came from: see `SourceName`) are
    /// removed first; other sources and shortlists are kept. `then` runs last, inside the same transaction.
    /// With `taxonomy`, the stored search index is rebuilt with it and replaced once the
    /// transaction has committed (see `StoredIndex`); without, the next open rebuilds it.
    /// `crash` is for tests: it stops the import at that step as a crash would.
    /// The caller holds the database's `FileLock`.
    public func apply(_ batch: ImportBatch, source: String, replacingAll: Bool = false, meta: [String: String] = [:],
                      origin: String = SourceName.imported, indexWith taxonomy: Taxonomy? = nil,
                      crash: StoredIndex.ImportStep? = nil, before: ((Database) throws -> Void)? = nil,
                      then: ((Database) throws -> Void)? = nil) throws {
        try importTransaction(indexWith: taxonomy, crash: crash) { db in
            try before?(db)
            if replacingAll { try Store.removeRecords(of: origin, db) }
            try Store.write(batch.sources, origin: origin, db)
            for s in batch.services { try Store.write(s, origin: origin, db) }
            let version = try Store.finishImport(batch, serviceCount: batch.services.count, source: source, meta: meta, origin: origin, db)
            try then?(db)
            return ((), version)
        }
    }

    /// Runs `body` as one import transaction. `body` returns its result and the data version it
    /// wrote. With `taxonomy`, the stored search index is built from what the transaction holds,
    /// written to a temporary file inside it and put in place once it has committed (see
    /// `StoredIndex`), so a crash at any step leaves the old index valid for the old data.
    func importTransaction<T>(indexWith taxonomy: Taxonomy?, crash: StoredIndex.ImportStep?,
                              _ body: (Database) throws -> (T, String)) throws -> T {
        var wroteIndex = false
        let result: T
        do {
            result = try pool.write { db in
                let (result, version) = try body(db)
                if crash == .rowsWritten { throw StoredIndex.SimulatedCrash(at: .rowsWritten) }
                if let taxonomy {
                    let directory = try Store.readDirectory(db)
                    let bytes = SearchIndex.buildImage(services: directory.services, organisationNames: directory.organisationNames,
                                                       taxonomy: taxonomy, fingerprint: StoredIndex.fingerprint(dataVersion: version, taxonomy: taxonomy))
                    try StoredIndex.writeTemporary(bytes, databasePath: path)
                    wroteIndex = true
                    if crash == .indexWritten { throw StoredIndex.SimulatedCrash(at: .indexWritten) }
                }
                return result
            }
        } catch {
            // A crash would leave the temporary file; a real failure tidies it away. Either way the old index stands.
            if wroteIndex, !(error is StoredIndex.SimulatedCrash) { StoredIndex.discardTemporary(databasePath: path) }
            throw error
        }
        if crash == .committed { throw StoredIndex.SimulatedCrash(at: .committed) }
        // The data is in; an index that cannot be put in place is only stale, and the next open rebuilds it.
        if wroteIndex { try? StoredIndex.install(databasePath: path) }
        return result
    }

    /// The records of `origin`, with their kept source records, before a whole source is replaced.
    static func removeRecords(of origin: String, _ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM source_record WHERE (kind = 'service' AND id IN (SELECT id FROM service WHERE source = ?))
                OR (kind = 'organisation' AND id IN (SELECT id FROM organisation WHERE source = ?))
            """, arguments: [origin, origin])
        try db.execute(sql: "DELETE FROM service WHERE source = ?; DELETE FROM organisation WHERE source = ?;", arguments: [origin, origin])
    }

    /// One service, packed, with its codes in `service_term`; a service of the same id is replaced.
    static func write(_ s: Service, origin: String, _ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM service_term WHERE service_id = ?").execute(arguments: [s.id])
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO service(id, organisation_id, name, status, document, packed, source) VALUES (?, ?, ?, ?, '', ?, ?)")
            .execute(arguments: [s.id, s.organisationID, s.name, s.status.rawValue, Data(PackedCodec.encode(s)), origin])
        let term = try db.cachedStatement(sql: "INSERT OR IGNORE INTO service_term(service_id, taxonomy, code) VALUES (?, ?, ?)")
        for t in s.terms { try term.execute(arguments: [s.id, t.taxonomy, t.code]) }
    }

    /// What every import writes after its services: organisations, the log line, a new data
    /// version (returned), meta, the source's row.
    static func finishImport(_ batch: ImportBatch, serviceCount: Int, source: String, meta: [String: String], origin: String,
                             _ db: Database) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for org in batch.organisations {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO organisation(id, name, document, source) VALUES (?, ?, ?, ?)")
                .execute(arguments: [org.id, org.name, String(decoding: try encoder.encode(org), as: UTF8.self), origin])
        }
        try db.execute(sql: "INSERT INTO import_log(at, source, services, organisations) VALUES (?, ?, ?, ?)",
                       arguments: [Timestamp.iso(Date()), source, serviceCount, batch.organisations.count])
        let version = try Store.newDataVersion(db)
        for (k, v) in meta {
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [k, v])
        }
        try Store.recordSource(origin, in: db)
        return version
    }

    /// The source records of every import, for export. A record replaced by a later import is
    /// replaced here too; the order is the order they were last written.
    public func sourceRecords() throws -> SourceRecords {
        try pool.read { db in
            var out = SourceRecords()
            let decoder = JSONDecoder()
            let rows = try Row.fetchCursor(db, sql: "SELECT kind, id, document FROM source_record ORDER BY rowid")
            while let row = try rows.next() {
                guard let kind = SourceRecords.Kind(rawValue: row["kind"]) else { continue }
                let text: String = row["document"]
                out.add(kind, id: row["id"], try decoder.decode(JSONValue.self, from: Data(text.utf8)))
            }
            return out
        }
    }

    /// The source records at `keys`, each read and decoded on its own (`StoreSnapshot`).
    static func readSourceRecords(_ keys: [SourceRecords.Key], _ db: Database) throws -> SourceRecords {
        var out = SourceRecords()
        let decoder = JSONDecoder()
        let statement = try db.cachedStatement(sql: "SELECT document FROM source_record WHERE kind = ? AND id = ?")
        for k in keys {
            guard let text = try String.fetchOne(statement, arguments: [k.kind.rawValue, k.id]) else { continue }
            out.add(k.kind, id: k.id, try decoder.decode(JSONValue.self, from: Data(text.utf8)))
        }
        return out
    }

    /// The directory as it is now, unchanging however long it is read (`StoreSnapshot`).
    public func snapshot() throws -> StoreSnapshot { StoreSnapshot(try pool.makeSnapshot()) }

    static func write(_ sources: SourceRecords, origin: String, _ db: Database) throws {
        for kind in SourceRecords.Kind.allCases {
            for id in sources.ids(kind) {
                guard let value = sources[kind, id] else { continue }
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO source_record(kind, id, document, source) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [kind.rawValue, id, try sourceText(value), origin])
            }
        }
    }

    /// A source record as stored: sorted keys, slashes as written (`JSONValue.compactText`; the
    /// encoder only to throw its error for a number JSON cannot hold).
    static func sourceText(_ value: JSONValue) throws -> String {
        if let text = value.compactText { return text }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A fingerprint of everything the user can see change: used by tests to prove a rejected import changed nothing.
    public func fingerprint() throws -> String {
        try pool.read { db in
            let rows = try String.fetchAll(db, sql: "SELECT id || ':' || document || ':' || hex(packed) FROM service ORDER BY id")
                + String.fetchAll(db, sql: "SELECT id || ':' || document FROM organisation ORDER BY id")
                + String.fetchAll(db, sql: "SELECT kind || ':' || id || ':' || document FROM source_record ORDER BY kind, id")
            var hash = FNV1a()
            for r in rows { hash.add(r) }
            return "\(rows.count):\(hash.hex)"
        }
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case cannotOpen(String, String)
    case corrupt(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let why):
            return "cannot open the database \(path) (\(why)); check the folder exists and is yours, or pass --directory"
        case .corrupt(let why):
            return why
        }
    }
}

/// 64-bit FNV-1a: a fast, stable fingerprint (not for security).
public struct FNV1a {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    public init() {}
    public mutating func add(_ text: String) { add(bytes: Array(text.utf8)) }
    public mutating func add(bytes: [UInt8]) {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x100_0000_01b3 }
    }
    public mutating func add(data: Data) {
        data.withUnsafeBytes { raw in for b in raw { value = (value ^ UInt64(b)) &* 0x100_0000_01b3 } }
    }
    public var hex: String { String(value, radix: 16) }
}

/// One unchanging view of the database, for a process that publishes the directory for a long
/// time (`waymark serve`): the services, the data version and every source record read later all
/// come from the moment it was made, whatever imports or syncs run meanwhile. It holds one read
/// transaction open, so SQLite keeps the pages it sees until it is dropped.
public final class StoreSnapshot: SourceRecordLookup {
    private let snapshot: DatabaseSnapshot

    init(_ snapshot: DatabaseSnapshot) { self.snapshot = snapshot }

    public func loadDirectory() throws -> Directory { try snapshot.read { db in try Store.readDirectory(db) } }

    public func dataVersion() throws -> String {
        try snapshot.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Store.dataVersionKey]) } ?? "none"
    }

    public func sourceRecords(_ keys: [SourceRecords.Key]) throws -> SourceRecords {
        try snapshot.read { db in try Store.readSourceRecords(keys, db) }
    }
}
