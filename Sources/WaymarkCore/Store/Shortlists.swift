import Foundation
import GRDB

/// A shortlist: services chosen for one person, in order, each with a short note
/// ("ask for Sue"). It holds no personal details unless the user types them.
public struct Shortlist: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        public var serviceID: String
        public var note: String
        public init(serviceID: String, note: String = "") {
            self.serviceID = serviceID
            self.note = note
        }
    }
    public var name: String
    public var items: [Item]

    public init(name: String, items: [Item] = []) {
        self.name = name
        self.items = items
    }

    public func contains(_ id: String) -> Bool { items.contains { $0.serviceID == id } }

    /// Adds the service, or removes it when it is already there.
    public mutating func toggle(_ id: String) {
        if let i = items.firstIndex(where: { $0.serviceID == id }) { items.remove(at: i) } else { items.append(Item(serviceID: id)) }
    }

    public mutating func move(from: Int, by offset: Int) -> Int {
        let to = from + offset
        guard items.indices.contains(from), items.indices.contains(to) else { return from }
        items.swapAt(from, to)
        return to
    }
}

/// One change a user made to a shortlist. Windows save their changes, not their whole
/// list, so that two windows on one directory both keep what each did.
public enum ShortlistEdit: Equatable, Sendable {
    case add(Shortlist.Item)
    case remove(serviceID: String)
    case note(serviceID: String, note: String)
    /// The user moved items: these services, in this order, among the slots they hold.
    case order([String])
}

extension Shortlist {
    /// The edits that turn `old` into `new`.
    public static func edits(from old: Shortlist, to new: Shortlist) -> [ShortlistEdit] {
        let oldIDs = Set(old.items.map(\.serviceID)), newIDs = Set(new.items.map(\.serviceID))
        var edits: [ShortlistEdit] = old.items.filter { !newIDs.contains($0.serviceID) }.map { .remove(serviceID: $0.serviceID) }
        edits += new.items.filter { !oldIDs.contains($0.serviceID) }.map { .add($0) }
        let oldNotes = Dictionary(old.items.map { ($0.serviceID, $0.note) }, uniquingKeysWith: { a, _ in a })
        edits += new.items.compactMap { item in
            guard let was = oldNotes[item.serviceID], was != item.note else { return nil }
            return .note(serviceID: item.serviceID, note: item.note)
        }
        let kept = new.items.map(\.serviceID).filter(oldIDs.contains)
        if kept != old.items.map(\.serviceID).filter(newIDs.contains) { edits.append(.order(kept)) }
        return edits
    }
}

extension Store {
    /// Applies one window's edits to the saved list (creating it when new) in one
    /// transaction, and returns the list as saved, with any other window's edits in it.
    @discardableResult
    public func applyShortlistEdits(_ edits: [ShortlistEdit], to name: String) throws -> Shortlist {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO shortlist(name, updated_at) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET updated_at = excluded.updated_at",
                           arguments: [name, ISO8601DateFormatter().string(from: Date())])
            for edit in edits {
                switch edit {
                case .add(let item):
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO shortlist_item(shortlist, position, service_id, note)
                        VALUES (?, (SELECT COALESCE(MAX(position), -1) + 1 FROM shortlist_item WHERE shortlist = ?), ?, ?)
                        """, arguments: [name, name, item.serviceID, item.note])
                case .remove(let id):
                    try db.execute(sql: "DELETE FROM shortlist_item WHERE shortlist = ? AND service_id = ?", arguments: [name, id])
                case .note(let id, let note):
                    try db.execute(sql: "UPDATE shortlist_item SET note = ? WHERE shortlist = ? AND service_id = ?", arguments: [note, name, id])
                case .order(let wanted):
                    var ids = try String.fetchAll(db, sql: "SELECT service_id FROM shortlist_item WHERE shortlist = ? ORDER BY position", arguments: [name])
                    let moving = Set(wanted)
                    let slots = ids.indices.filter { moving.contains(ids[$0]) }
                    let present = Set(ids)
                    for (slot, id) in zip(slots, wanted.filter(present.contains)) { ids[slot] = id }
                    for (position, id) in ids.enumerated() {
                        try db.execute(sql: "UPDATE shortlist_item SET position = ? WHERE shortlist = ? AND service_id = ?", arguments: [position, name, id])
                    }
                }
            }
            return Shortlist(name: name, items: try Store.items(of: name, db))
        }
    }

    static func items(of name: String, _ db: Database) throws -> [Shortlist.Item] {
        try Row.fetchAll(db, sql: "SELECT service_id, note FROM shortlist_item WHERE shortlist = ? ORDER BY position", arguments: [name])
            .map { Shortlist.Item(serviceID: $0["service_id"], note: $0["note"]) }
    }

    /// Replaces the saved list with this one (for "save as"; windows editing a list use `applyShortlistEdits`).
    public func saveShortlist(_ list: Shortlist) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO shortlist(name, updated_at) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET updated_at = excluded.updated_at",
                           arguments: [list.name, ISO8601DateFormatter().string(from: Date())])
            try db.execute(sql: "DELETE FROM shortlist_item WHERE shortlist = ?", arguments: [list.name])
            for (i, item) in list.items.enumerated() {
                try db.execute(sql: "INSERT INTO shortlist_item(shortlist, position, service_id, note) VALUES (?, ?, ?, ?)",
                               arguments: [list.name, i, item.serviceID, item.note])
            }
        }
    }

    public func loadShortlist(named name: String) throws -> Shortlist? {
        try pool.read { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM shortlist WHERE name = ?", arguments: [name]) == 1 else { return nil }
            return Shortlist(name: name, items: try Store.items(of: name, db))
        }
    }

    /// Saved shortlists, most recently changed first.
    public func shortlistNames() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM shortlist ORDER BY updated_at DESC, name") }
    }

    public func renameShortlist(_ old: String, to new: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO shortlist(name, updated_at) SELECT ?, updated_at FROM shortlist WHERE name = ?", arguments: [new, old])
            try db.execute(sql: "UPDATE shortlist_item SET shortlist = ? WHERE shortlist = ?", arguments: [new, old])
            try db.execute(sql: "DELETE FROM shortlist WHERE name = ?", arguments: [old])
        }
    }

    public func deleteShortlist(_ name: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM shortlist_item WHERE shortlist = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM shortlist WHERE name = ?", arguments: [name])
        }
    }
}
