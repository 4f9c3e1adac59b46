import Foundation
import GRDB

/// The names every database knows without being told: the bundled sample and files imported by hand.
/// Any other name is a feed that `waymark sync` pulls from.
public enum SourceName {
    public static let sample = "sample"
    public static let imported = "import"
    public static let reserved: Set<String> = [sample, imported]
}

/// Where a source's records come from.
public enum SourceKind: String, Sendable, Codable, CaseIterable {
    /// The bundled sample directory (Fixtures/banes).
    case sample
    /// Files given to `waymark import` (and `waymark generate`).
    case imported = "import"
    /// An ORUK / HSDS 3.0 API feed, pulled by `waymark sync`.
    case feed

    public init(name: String) {
        switch name {
        case SourceName.sample: self = .sample
        case SourceName.imported: self = .imported
        default: self = .feed
        }
    }
}

/// One row of the `sources` table, with the number of services it holds now.
public struct SourceRecord: Sendable, Equatable, Encodable {
    public var name: String
    public var kind: SourceKind
    public var url: String?
    public var enabled: Bool
    /// When the last successful sync (or import) finished.
    public var lastSyncAt: Date?
    /// When it began: the next incremental sync asks the feed for what changed since then.
    public var lastSyncStartedAt: Date?
    /// When the last sync that read the whole feed (and so removed what it no longer lists) finished.
    public var lastFullSyncAt: Date?
    /// Services stored from this source now.
    public var services: Int
    /// What the last sync counted.
    public var lastReceived: Int
    public var lastAdded: Int
    public var lastChanged: Int
    public var lastRemoved: Int
    public var organisations: Int
    public var taxonomies: Int
    public var taxonomyTerms: Int

    enum CodingKeys: String, CodingKey {
        case name, kind, url, enabled, services, organisations, taxonomies
        case lastSyncAt = "last_sync_at", lastSyncStartedAt = "last_sync_started_at", lastFullSyncAt = "last_full_sync_at"
        case lastReceived = "last_received", lastAdded = "last_added", lastChanged = "last_changed", lastRemoved = "last_removed"
        case taxonomyTerms = "taxonomy_terms"
    }
}

/// What one sync brings, read and checked in full before anything is written.
public struct FeedSync: Sendable {
    public var name: String
    public var url: String
    public var batch: ImportBatch
    /// True when the whole feed was read (no `modified_after`): services of this source it no longer lists are removed.
    public var isFull: Bool
    public var startedAt: Date
    public var taxonomies: Int
    public var taxonomyTerms: Int

    public init(name: String, url: String, batch: ImportBatch, isFull: Bool, startedAt: Date, taxonomies: Int, taxonomyTerms: Int) {
        self.name = name
        self.url = url
        self.batch = batch
        self.isFull = isFull
        self.startedAt = startedAt
        self.taxonomies = taxonomies
        self.taxonomyTerms = taxonomyTerms
    }
}

/// What a sync changed, counted against what the source held before.
public struct SyncOutcome: Sendable, Equatable {
    public var added = 0
    public var changed = 0
    public var unchanged = 0
    public var removed = 0
    /// Services that another source held (the same id) and that now belong to this one, by that source's name.
    public var takenOver: [String: Int] = [:]
    public init() {}
}

public enum SourceError: Error, CustomStringConvertible, Equatable {
    case unknown(String, known: [String])
    case urlInUse(name: String, url: String, existing: String)
    case reserved(String)

    public var description: String {
        switch self {
        case .unknown(let name, let known):
            return "there is no source named \"\(name)\"; the sources are \(known.isEmpty ? "none yet" : known.joined(separator: ", ")) (`waymark sources` lists them)"
        case .urlInUse(let name, let url, let existing):
            return "the source \"\(name)\" already syncs from \(existing), not \(url); give this feed another name with --name"
        case .reserved(let name):
            return "\"\(name)\" is the name of a built-in source; give the feed another name with --name"
        }
    }
}

extension Store {
    /// The rows whose source has not been switched off (`waymark sources --disable NAME`).
    static let shownSource = "source NOT IN (SELECT name FROM sources WHERE enabled = 0)"

    static func migrateToSources(_ db: Database) throws {
        try db.create(table: "sources") { t in
            t.primaryKey("name", .text)
            t.column("kind", .text).notNull()
            t.column("url", .text)
            t.column("enabled", .boolean).notNull().defaults(to: true)
            t.column("last_sync_at", .text)
            t.column("last_sync_started_at", .text)
            t.column("last_full_sync_at", .text)
            for c in ["last_received", "last_added", "last_changed", "last_removed", "organisations", "taxonomies", "taxonomy_terms"] {
                t.column(c, .integer).notNull().defaults(to: 0)
            }
        }
        for table in ["service", "organisation"] {
            try db.alter(table: table) { t in t.add(column: "source", .text).notNull().defaults(to: SourceName.imported) }
            try db.create(index: "\(table)_source", on: table, columns: ["source"])
        }
        // Until now the sample and imports shared one pool; a database seeded from the sample
        // ("bundled", or "bundled+import") counts its records as the sample's.
        let seeded = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'source'")?.hasPrefix("bundled") ?? false
        if seeded {
            try db.execute(sql: "UPDATE service SET source = ?; UPDATE organisation SET source = ?;",
                           arguments: [SourceName.sample, SourceName.sample])
        }
        for name in try String.fetchAll(db, sql: "SELECT DISTINCT source FROM service") { try recordSource(name, in: db) }
    }

    /// Makes sure `name` has a row in `sources`, and stamps an import or a reseed of the sample as its last sync.
    static func recordSource(_ name: String, in db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO sources(name, kind) VALUES (?, ?)", arguments: [name, SourceKind(name: name).rawValue])
        if SourceKind(name: name) != .feed {
            try db.execute(sql: "UPDATE sources SET last_sync_at = ? WHERE name = ?", arguments: [Store.timestamp(Date()), name])
        }
    }

    static func timestamp(_ date: Date) -> String { Timestamp.iso(date) }

    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        return Timestamp.parse(text)
    }

    // MARK: Reading

    public func sources() throws -> [SourceRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.*, (SELECT COUNT(*) FROM service WHERE service.source = s.name) AS held
                FROM sources s ORDER BY CASE s.kind WHEN 'feed' THEN 0 WHEN 'import' THEN 1 ELSE 2 END, s.name
                """).map { row in
                SourceRecord(name: row["name"], kind: SourceKind(rawValue: row["kind"]) ?? .feed, url: row["url"],
                             enabled: row["enabled"], lastSyncAt: Store.date(row["last_sync_at"]),
                             lastSyncStartedAt: Store.date(row["last_sync_started_at"]),
                             lastFullSyncAt: Store.date(row["last_full_sync_at"]), services: row["held"],
                             lastReceived: row["last_received"], lastAdded: row["last_added"], lastChanged: row["last_changed"],
                             lastRemoved: row["last_removed"], organisations: row["organisations"], taxonomies: row["taxonomies"],
                             taxonomyTerms: row["taxonomy_terms"])
            }
        }
    }

    public func source(named name: String) throws -> SourceRecord? { try sources().first { $0.name == name } }

    /// True when a feed is switched on: what every start asks, without reading each source whole.
    public func hasEnabledFeed() throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM sources WHERE kind = ? AND enabled)", arguments: [SourceKind.feed.rawValue]) ?? false
        }
    }

    /// True when the bundled sample is switched on and the database holds some of it.
    public func showsSample() throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS(SELECT 1 FROM service WHERE source = ?) AND NOT EXISTS(SELECT 1 FROM sources WHERE name = ? AND enabled = 0)
                """, arguments: [SourceName.sample, SourceName.sample]) ?? false
        }
    }

    // MARK: Writing

    /// Switches a source on or off. Its records stay stored; switched off, they are left out of the directory
    /// (and so the stored search index, made for what was shown, is stale and the next open rebuilds it).
    public func setSource(_ name: String, enabled: Bool) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE sources SET enabled = ? WHERE name = ? AND enabled != ?", arguments: [enabled, name, enabled])
            if db.changesCount > 0 { _ = try Store.newDataVersion(db); return }
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM sources WHERE name = ?)", arguments: [name]) == true else {
                throw SourceError.unknown(name, known: try String.fetchAll(db, sql: "SELECT name FROM sources ORDER BY name"))
            }
        }
    }

    /// Checks that a feed may be synced under `name` from `url` before anything is fetched.
    public func checkFeedName(_ name: String, url: String) throws {
        if SourceName.reserved.contains(name) { throw SourceError.reserved(name) }
        if let existing = try source(named: name)?.url, existing != url {
            throw SourceError.urlInUse(name: name, url: url, existing: existing)
        }
    }

    /// Writes a sync in one transaction: the services and organisations, the removal of what a full
    /// sync no longer finds, and the source's row. Either all of it is stored, or none.
    /// Callers hold the import lock (`FileLock.exclusive(beside:)`), so the counts read first stay true.
    @discardableResult
    /// With `taxonomy`, the stored search index is rebuilt in the same transaction, as an import does.
    public func applySync(_ sync: FeedSync, finishedAt: Date = Date(), indexWith taxonomy: Taxonomy? = nil) throws -> SyncOutcome {
        try checkFeedName(sync.name, url: sync.url)
        let before: [String: (source: String, packed: Data?)] = try pool.read { db in
            var held: [String: (String, Data?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, source, packed FROM service") { held[row["id"]] = (row["source"], row["packed"]) }
            return held
        }
        var outcome = SyncOutcome()
        for s in sync.batch.services {
            guard let old = before[s.id] else { outcome.added += 1; continue }
            if old.source != sync.name { outcome.takenOver[old.source, default: 0] += 1; outcome.added += 1; continue }
            if old.packed == Data(PackedCodec.encode(s)) { outcome.unchanged += 1 } else { outcome.changed += 1 }
        }
        let listed = Set(sync.batch.services.map(\.id))
        let gone = sync.isFull ? before.filter { $0.value.source == sync.name && !listed.contains($0.key) }.map(\.key).sorted() : []
        outcome.removed = gone.count
        let finished = Store.timestamp(finishedAt), started = Store.timestamp(sync.startedAt)
        let final = outcome
        // A full read lists everything the feed holds: every record this source kept before goes
        // first, so that what the feed dropped (an organisation, its locations, a program) goes with it.
        try apply(sync.batch, source: sync.url, origin: sync.name, indexWith: taxonomy, before: { db in
            if sync.isFull { try db.execute(sql: "DELETE FROM source_record WHERE source = ?", arguments: [sync.name]) }
        }) { db in
            for id in gone {
                try db.execute(sql: "DELETE FROM service WHERE id = ? AND source = ?", arguments: [id, sync.name])
                // A removed service's kept source record goes too, so no export can bring it back.
                try db.execute(sql: "DELETE FROM source_record WHERE kind = 'service' AND id = ?", arguments: [id])
            }
            if sync.isFull {
                try db.execute(sql: """
                    DELETE FROM organisation WHERE source = ? AND id NOT IN (SELECT organisation_id FROM service)
                    """, arguments: [sync.name])
            }
            try db.execute(sql: """
                UPDATE sources SET url = ?, last_sync_at = ?, last_sync_started_at = ?,
                  last_full_sync_at = CASE WHEN ? THEN ? ELSE last_full_sync_at END,
                  last_received = ?, last_added = ?, last_changed = ?, last_removed = ?,
                  organisations = (SELECT COUNT(*) FROM organisation WHERE source = ?), taxonomies = ?, taxonomy_terms = ?
                WHERE name = ?
                """, arguments: [sync.url, finished, started, sync.isFull, finished,
                                 sync.batch.services.count, final.added, final.changed, final.removed,
                                 sync.name, sync.taxonomies, sync.taxonomyTerms, sync.name])
        }
        return outcome
    }
}
