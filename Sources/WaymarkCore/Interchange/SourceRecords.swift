import Foundation

/// The records an import read, kept whole beside the model, so that what Waymark does not
/// model (languages, funding, programs, organisation contacts, service-at-location schedules,
/// zones on times…) is written back on export unchanged.
public struct SourceRecords: Equatable, Sendable {
    /// The kinds of record kept. A service keeps its organisation apart, so that an
    /// organisation shared by many services is stored once.
    public enum Kind: String, CaseIterable, Sendable {
        case service, organisation, location, serviceAtLocation = "service_at_location", taxonomy, taxonomyTerm = "taxonomy_term"
        case program, metaTableDescription = "meta_table_description"
        /// An attribute or metadata row whose record is not in the import: kept, and written back.
        case attribute, metadata
    }

    public var records: [Kind: [String: JSONValue]] = [:]
    /// The order records were first read in, per kind, so that exports keep the source's order.
    public var order: [Kind: [String]] = [:]

    public init() {}

    public subscript(kind: Kind, id: String) -> JSONValue? { records[kind]?[id] }

    public var isEmpty: Bool { records.values.allSatisfy(\.isEmpty) }
    public var count: Int { records.values.map(\.count).reduce(0, +) }

    /// Adds a record; a second copy of the same record (a list and a full file of one feed)
    /// fills what the first lacks.
    public mutating func add(_ kind: Kind, id: String, _ value: JSONValue) {
        if let existing = records[kind]?[id] {
            records[kind]![id] = SourceMerge.overlay(existing, on: value)
        } else {
            records[kind, default: [:]][id] = value
            order[kind, default: []].append(id)
        }
    }

    /// The ids of one kind in the order they were read.
    public func ids(_ kind: Kind) -> [String] { order[kind] ?? [] }

    public mutating func remove(_ kind: Kind, id: String) {
        guard records[kind]?.removeValue(forKey: id) != nil else { return }
        order[kind]?.removeAll { $0 == id }
    }

    /// One record's place: its kind and id.
    public struct Key: Hashable, Sendable {
        public var kind: Kind
        public var id: String
        public init(_ kind: Kind, _ id: String) { self.kind = kind; self.id = id }
    }

    /// What `HSDSWriter.service` lays over a service: its own record, its organisation's, and
    /// those of its services-at-location and their locations.
    public static func keys(of s: Service) -> [Key] {
        [Key(.service, s.id), Key(.organisation, s.organisationID)]
            + s.locations.flatMap { [Key(.serviceAtLocation, $0.id), Key(.location, $0.location.id)] }
    }
}

/// Where the source records for one answer come from: all in memory (`SourceRecords`, for a
/// directory read from files and for tests), or read from the database as each answer is first
/// rendered (`StoreSnapshot`), so that a server over 100,000 services decodes only what it serves.
public protocol SourceRecordLookup: Sendable {
    /// The records at `keys` that exist, in the order asked for; a key with no record is left out.
    func sourceRecords(_ keys: [SourceRecords.Key]) throws -> SourceRecords
}

extension SourceRecords: SourceRecordLookup {
    public func sourceRecords(_ keys: [Key]) -> SourceRecords {
        var out = SourceRecords()
        for k in keys { if let v = self[k.kind, k.id] { out.add(k.kind, id: k.id, v) } }
        return out
    }
}

/// How a source record and Waymark's own object of the same record combine on export:
/// the source wins on every path it has (so nothing it said changes); Waymark's object fills
/// what the source lacks (a county for `state_province`, a term's description from the vocabulary).
enum SourceMerge {
    static func overlay(_ source: JSONValue, on generated: JSONValue) -> JSONValue {
        overlay(source, on: generated, placed: ids(in: source))
    }

    private static func overlay(_ source: JSONValue, on generated: JSONValue, placed: Set<String>) -> JSONValue {
        switch (source, generated) {
        case (.object(let s), .object(let g)):
            var out = g
            for (k, v) in s {
                if let gv = g[k] {
                    out[k] = overlay(v, on: gv, placed: placed)
                } else {
                    out[k] = v
                }
            }
            // A list the source did not have: leave out what the source placed elsewhere
            // (a service-at-location schedule stays on the service-at-location).
            for (k, v) in g where s[k] == nil {
                if case .array(let items) = v {
                    let kept = items.filter { item in item["id"]?.stringValue.map { !placed.contains($0) } ?? true }
                    if kept.isEmpty { out.removeValue(forKey: k) } else { out[k] = .array(kept) }
                }
            }
            return .object(out)
        case (.array(let s), .array(let g)):
            // The source's list, in its order; each item filled from Waymark's item of the same id.
            let byID = Dictionary(g.compactMap { item in item["id"]?.stringValue.map { ($0, item) } }, uniquingKeysWith: { a, _ in a })
            return .array(s.enumerated().map { i, item in
                if let id = item["id"]?.stringValue, let gen = byID[id] { return overlay(item, on: gen, placed: placed) }
                if item["id"] == nil, case .object = item, i < g.count, g[i]["id"]?.stringValue.map({ !placed.contains($0) }) ?? false {
                    // An item without an id: Waymark made one up; the source still has none.
                    var filled = overlay(item, on: g[i], placed: placed)
                    if case .object(var o) = filled { o.removeValue(forKey: "id"); filled = .object(o) }
                    return filled
                }
                return item
            })
        case (.string(let s), .int), (.string(let s), .double), (.string(let s), .bool):
            // A CSV cell is text; Waymark's value is the typed one the schema asks for.
            return RecordReader.decimal(s) != nil || s == "true" || s == "false" ? generated : source
        default:
            return source
        }
    }

    /// Every id the source record carries, at any depth.
    static func ids(in value: JSONValue) -> Set<String> {
        var out = Set<String>()
        func walk(_ v: JSONValue) {
            switch v {
            case .object(let o):
                if let id = o["id"]?.stringValue { out.insert(id) }
                o.values.forEach(walk)
            case .array(let a): a.forEach(walk)
            default: break
            }
        }
        walk(value)
        return out
    }
}
