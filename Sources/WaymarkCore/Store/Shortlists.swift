import Foundation
import GRDB

/// A shortlist: services chosen for one person, in order, under a name. It holds no personal
/// details unless the user types them.
///
/// Two kinds of note, kept apart by name so neither can be taken for the other: `note` is
/// *for the person* and goes on the handout ("ask for Sue"); `privateNote` is *for the
/// navigator* ("daughter rings on Fridays") and never reaches any handout format.
public struct Shortlist: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        public var serviceID: String
        /// For the person: printed on the handout.
        public var note: String
        /// For the navigator only: never printed.
        public var privateNote: String
        public init(serviceID: String, note: String = "", privateNote: String = "") {
            self.serviceID = serviceID
            self.note = note
            self.privateNote = privateNote
        }
    }
    public var name: String
    public var items: [Item]
    /// For the person, about the whole list: printed under the handout's heading.
    public var note: String
    /// For the navigator, about the whole list: never printed.
    public var privateNote: String

    public init(name: String, items: [Item] = [], note: String = "", privateNote: String = "") {
        self.name = name
        self.items = items
        self.note = note
        self.privateNote = privateNote
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

    /// "New person": the same name's list emptied of services and of both kinds of note.
    public mutating func clear() {
        items = []
        note = ""
        privateNote = ""
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
    case privateNote(serviceID: String, note: String)
    case listNote(String)
    case listPrivateNote(String)
}

/// A saved list as the first screen offers it: "Continue “Visit 2” (3 services, changed 1 December)".
public struct ShortlistSummary: Equatable, Sendable {
    public var name: String
    public var services: Int
    /// When it was last changed, as stored (ISO 8601, UTC).
    public var updatedAt: String
}

/// Why a shortlist could not be saved under a name; each says what to do.
public enum ShortlistError: Error, Equatable, CustomStringConvertible {
    case nameTaken(String)
    case emptyName

    public var description: String {
        switch self {
        case .nameTaken(let n): return "a saved list is already called \"\(DisplayText.line(n))\"; choose another name, or open that list"
        case .emptyName: return "a saved list needs a name; type one"
        }
    }
}

/// The person in front of the navigator: what the form says, their first name, and their list.
/// "New person" clears all of it at once, so nothing of one person reaches the next; only the
/// navigator's own name (for "given to you by") stays.
public struct Visit: Equatable, Sendable {
    public var profile: NeedsProfile
    public var firstName: String?
    public var shortlist: Shortlist
    /// The navigator's name for "given to you by …": theirs, not the person's, so it is kept.
    public var givenBy: String?

    public init(profile: NeedsProfile = NeedsProfile(), firstName: String? = nil, shortlist: Shortlist, givenBy: String? = nil) {
        self.profile = profile
        self.firstName = firstName
        self.shortlist = shortlist
        self.givenBy = givenBy
    }

    /// Clears the form, the first name, the list and its notes, and starts a list under `listName`
    /// (from `Store.freshShortlistName`), so the last person's saved list is kept as it was.
    public mutating func newPerson(listName: String) {
        profile = NeedsProfile()
        firstName = nil
        shortlist = Shortlist(name: listName)
    }
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
        let oldPrivate = Dictionary(old.items.map { ($0.serviceID, $0.privateNote) }, uniquingKeysWith: { a, _ in a })
        // A new item's private note travels in its `.add`; only a changed one needs its own edit.
        edits += new.items.compactMap { item in
            guard let was = oldPrivate[item.serviceID], was != item.privateNote else { return nil }
            return .privateNote(serviceID: item.serviceID, note: item.privateNote)
        }
        if old.note != new.note { edits.append(.listNote(new.note)) }
        if old.privateNote != new.privateNote { edits.append(.listPrivateNote(new.privateNote)) }
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
                           arguments: [name, Timestamp.iso(Date())])
            for edit in edits {
                switch edit {
                case .add(let item):
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO shortlist_item(shortlist, position, service_id, note, private_note)
                        VALUES (?, (SELECT COALESCE(MAX(position), -1) + 1 FROM shortlist_item WHERE shortlist = ?), ?, ?, ?)
                        """, arguments: [name, name, item.serviceID, item.note, item.privateNote])
                case .remove(let id):
                    try db.execute(sql: "DELETE FROM shortlist_item WHERE shortlist = ? AND service_id = ?", arguments: [name, id])
                case .note(let id, let note):
                    try db.execute(sql: "UPDATE shortlist_item SET note = ? WHERE shortlist = ? AND service_id = ?", arguments: [note, name, id])
                case .privateNote(let id, let note):
                    try db.execute(sql: "UPDATE shortlist_item SET private_note = ? WHERE shortlist = ? AND service_id = ?", arguments: [note, name, id])
                case .listNote(let note):
                    try db.execute(sql: "UPDATE shortlist SET note = ? WHERE name = ?", arguments: [note, name])
                case .listPrivateNote(let note):
                    try db.execute(sql: "UPDATE shortlist SET private_note = ? WHERE name = ?", arguments: [note, name])
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
            return try Store.shortlist(named: name, db)!
        }
    }

    static func shortlist(named name: String, _ db: Database) throws -> Shortlist? {
        guard let row = try Row.fetchOne(db, sql: "SELECT note, private_note FROM shortlist WHERE name = ?", arguments: [name]) else { return nil }
        return Shortlist(name: name, items: try items(of: name, db), note: row["note"], privateNote: row["private_note"])
    }

    static func items(of name: String, _ db: Database) throws -> [Shortlist.Item] {
        try Row.fetchAll(db, sql: "SELECT service_id, note, private_note FROM shortlist_item WHERE shortlist = ? ORDER BY position", arguments: [name])
            .map { Shortlist.Item(serviceID: $0["service_id"], note: $0["note"], privateNote: $0["private_note"]) }
    }

    /// Replaces the saved list with this one (for "save as"; windows editing a list use `applyShortlistEdits`).
    public func saveShortlist(_ list: Shortlist) throws {
        try pool.write { db in try Store.replace(list, db) }
    }

    static func replace(_ list: Shortlist, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO shortlist(name, updated_at, note, private_note) VALUES (?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET updated_at = excluded.updated_at, note = excluded.note, private_note = excluded.private_note
            """, arguments: [list.name, Timestamp.iso(Date()), list.note, list.privateNote])
        try db.execute(sql: "DELETE FROM shortlist_item WHERE shortlist = ?", arguments: [list.name])
        for (i, item) in list.items.enumerated() {
            try db.execute(sql: "INSERT INTO shortlist_item(shortlist, position, service_id, note, private_note) VALUES (?, ?, ?, ?, ?)",
                           arguments: [list.name, i, item.serviceID, item.note, item.privateNote])
        }
    }

    /// "Save as": a copy of `list` under `name`; the list it came from stays saved as it was.
    /// Refuses a name another saved list already has, rather than overwrite it.
    @discardableResult
    public func saveShortlistCopy(_ list: Shortlist, as name: String) throws -> Shortlist {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ShortlistError.emptyName }
        return try pool.write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM shortlist WHERE name = ?", arguments: [name]) != 0 { throw ShortlistError.nameTaken(name) }
            var copy = list
            copy.name = name
            try Store.replace(copy, db)
            return copy
        }
    }

    /// The list changed most recently that has services on it: what the first screen offers to continue.
    public func lastShortlist() throws -> ShortlistSummary? {
        try shortlistSummaries().first { $0.services > 0 }
    }

    /// Every saved list with its size, most recently changed first.
    public func shortlistSummaries() throws -> [ShortlistSummary] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.name, s.updated_at, (SELECT COUNT(*) FROM shortlist_item i WHERE i.shortlist = s.name) AS n
                FROM shortlist s ORDER BY s.updated_at DESC, s.rowid DESC
                """).map { ShortlistSummary(name: $0["name"], services: $0["n"], updatedAt: $0["updated_at"]) }
        }
    }

    /// A name no saved list has, for a new person's list: "List 2 December 2026", then "… (2)".
    /// It carries the date, never a person's name.
    public func freshShortlistName(on date: LocalDate) throws -> String {
        let taken = Set(try shortlistNames())
        let base = "List \(date.longText)"
        if !taken.contains(base) { return base }
        var n = 2
        while taken.contains("\(base) (\(n))") { n += 1 }
        return "\(base) (\(n))"
    }

    public func loadShortlist(named name: String) throws -> Shortlist? {
        try pool.read { db in try Store.shortlist(named: name, db) }
    }

    /// Saved shortlists, most recently changed first.
    public func shortlistNames() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM shortlist ORDER BY updated_at DESC, name") }
    }

    public func renameShortlist(_ old: String, to new: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO shortlist(name, updated_at, note, private_note) SELECT ?, updated_at, note, private_note FROM shortlist WHERE name = ?", arguments: [new, old])
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
