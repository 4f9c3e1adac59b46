import Foundation
import GRDB

extension Store {
    /// Reads files and writes them in one transaction as they are read: each service is checked
    /// and written as it comes, so memory holds one service (and the ids seen), not the file.
    /// Every record or none: when reading finds an error, the transaction is rolled back and the
    /// batch (its `issues` name file, record and field) is returned for the caller to report.
    /// Other rules are `apply`'s (which this shares its writing with).
    public func importFiles(_ paths: [String], reader: HSDSReader, source: String, replacingAll: Bool = false,
                            meta: [String: String] = [:], origin: String = SourceName.imported, indexWith taxonomy: Taxonomy? = nil,
                            chunkSize: Int = HSDSReader.streamChunkSize) throws -> ImportBatch {
        var refused: ImportBatch?
        do {
            return try importTransaction(indexWith: taxonomy, crash: nil) { db in
                if replacingAll { try Store.removeRecords(of: origin, db) }
                let shelf = StoreShelf(db, origin: origin)
                let batch = reader.read(paths: paths, shelf: shelf, chunkSize: chunkSize)
                if let failure = shelf.failure { throw failure }
                guard batch.isAcceptable else {
                    refused = batch
                    throw Refused()
                }
                try Store.write(batch.sources, origin: origin, db)
                let version = try Store.finishImport(batch, serviceCount: batch.serviceCount, source: source, meta: meta, origin: origin, db)
                return (batch, version)
            }
        } catch is Refused {
            return refused!
        }
    }

    /// Thrown inside the transaction to roll it back when the files have errors.
    private struct Refused: Error {}
}

/// Writes each service into the open import transaction as it is read, keeping only the ids
/// written, so a second copy of one (a feed's list and full files) is merged with the first.
final class StoreShelf: ServiceShelf {
    private let db: Database
    private let origin: String
    private var written = Set<String>()
    private var sourced = Set<String>()
    /// The first database error; writing stops there and the import is rolled back.
    private(set) var failure: Error?

    init(_ db: Database, origin: String) {
        self.db = db
        self.origin = origin
    }

    private func attempt(_ body: () throws -> Void) {
        guard failure == nil else { return }
        do { try body() } catch { failure = error }
    }

    func service(_ id: String) -> Service? {
        guard written.contains(id) else { return nil }
        var found: Service?
        attempt {
            guard let packed = try Data.fetchOne(db, sql: "SELECT packed FROM service WHERE id = ?", arguments: [id]) else { return }
            found = try Store.decode([packed]).first
        }
        return found
    }

    func put(_ service: Service, isNew: Bool) {
        written.insert(service.id)
        attempt { try Store.write(service, origin: origin, db) }
    }

    func source(_ id: String) -> JSONValue? {
        guard sourced.contains(id) else { return nil }
        var found: JSONValue?
        attempt {
            guard let text = try String.fetchOne(db, sql: "SELECT document FROM source_record WHERE kind = 'service' AND id = ?",
                                                 arguments: [id]) else { return }
            found = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        }
        return found
    }

    func putSource(_ id: String, _ value: JSONValue, isNew: Bool) {
        sourced.insert(id)
        attempt {
            // A merged copy replaces the first in place (same row), so the source's order stays.
            let sql = isNew ? "INSERT OR REPLACE INTO source_record(document, source, kind, id) VALUES (?, ?, 'service', ?)"
                : "UPDATE source_record SET document = ?, source = ? WHERE kind = 'service' AND id = ?"
            try db.cachedStatement(sql: sql).execute(arguments: [try Store.sourceText(value), origin, id])
        }
    }

    func finish(into batch: inout ImportBatch) {}
}
