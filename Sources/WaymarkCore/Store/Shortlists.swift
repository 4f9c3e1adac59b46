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

extension Store {
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
            let items = try Row.fetchAll(db, sql: "SELECT service_id, note FROM shortlist_item WHERE shortlist = ? ORDER BY position", arguments: [name])
                .map { Shortlist.Item(serviceID: $0["service_id"], note: $0["note"]) }
            return Shortlist(name: name, items: items)
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
