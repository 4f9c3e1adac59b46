import XCTest
@testable import WaymarkCore

/// Every official example, imported into a real store and exported again, gives back every
/// value on every path: compared value by value, path by path.
final class LosslessRoundTripTests: XCTestCase {
    static let jsonExamples = [
        "hsds-3.0/service_full.json", "hsds-3.0/service_list.json", "hsds-3.0/organization_full.json",
        "hsds-3.0/service_at_location_full.json", "hsds-3.0/taxonomy_list.json", "hsds-3.0/taxonomy_term_list.json",
        "hsds-3.0-more/location.json", "hsds-3.0-more/organization_list.json", "hsds-3.0-more/service_at_location_list.json",
        "hsds-3.0-more/taxonomy.json", "hsds-3.0-more/taxonomy_term.json",
        "hsds-uk-3.0/service_full.json", "hsds-uk-3.0/service_list.json", "hsds-uk-3.0/taxonomy_term_list.json",
        "hsds-uk-3.0-more/organization_full.json", "hsds-uk-3.0-more/organization_list.json",
        "hsds-uk-3.0-more/service_at_location_full.json", "hsds-uk-3.0-more/service_at_location_list.json",
        "hsds-uk-3.0-more/taxonomy.json", "hsds-uk-3.0-more/taxonomy_list.json", "hsds-uk-3.0-more/taxonomy_term.json",
    ]
    /// Tabular examples and the package they are compared with. The UK example folder holds
    /// HSDS 3.0 files beside the UK ones (schedules.csv with `timezone`, `until`…): the HSDS
    /// package keeps every cell; the UK package keeps every cell its descriptor has a column for.
    static let tabularExamples: [(String, TabularProfile)] = [
        ("hsds-3.0/csv", .hsds), ("hsds-uk-3.0/csv", .hsds), ("hsds-uk-3.0/csv", .uk), ("hsds-3.0-more/tabular.json", .hsds),
    ]

    struct Tally { var compared = 0; var changed: [String] = []; var added = 0 }

    /// Imports through a real SQLite store, then exports from what the store gives back.
    func importAndExport(_ relative: String) throws -> (Directory, HSDSWriter) {
        let batch = HSDSReader(taxonomy: Repo.taxonomy).read(paths: [Repo.interop + "/" + relative])
        XCTAssertEqual(batch.errors, [], relative)
        let store = try Store(path: Repo.tempDir(relative.replacingOccurrences(of: "/", with: "_")) + "/w.sqlite")
        try store.apply(batch, source: relative)
        return (try store.loadDirectory(), HSDSWriter(taxonomy: Repo.taxonomy, sources: try store.sourceRecords()))
    }

    func testEveryOfficialJSONExampleComesBackValueForValue() throws {
        var total = Tally()
        var viaPage = 0, viaTabular = 0, records = 0
        for file in Self.jsonExamples {
            let input = JSONValue(any: try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repo.interop + "/" + file))))
            let (directory, writer) = try importAndExport(file)
            // What the JSON page carries: services whole, with their organisations, services-at-location,
            // locations and terms. What no service reaches (a bare location, an organisation's
            // list, the vocabularies) travels in the tabular package: exported, then read back.
            var exported = RecordIndex()
            for s in writer.pageValue(directory)["contents"]?.arrayValue ?? [] { exported.collect(s, as: .service) }
            let fromPage = exported.records.count
            let folder = Repo.tempDir("json-via-csv-" + file.replacingOccurrences(of: "/", with: "_"))
            let profile: TabularProfile = file.hasPrefix("hsds-uk") ? .uk : .hsds
            for (name, data) in try writer.csvPackage(directory, descriptor: try Repo.fixtures.loadDescriptor(profile)) {
                try SafeFile.write(data, to: folder + "/" + name)
            }
            let back = HSDSReader(taxonomy: Repo.taxonomy).read(paths: [folder])
            XCTAssertEqual(back.errors, [], "\(file): its tabular export does not read back")
            for kind in SourceRecords.Kind.allCases {
                for id in back.sources.ids(kind) { if let v = back.sources[kind, id] { exported.collect(v, as: kind) } }
            }
            viaPage += fromPage
            viaTabular += exported.records.count - fromPage
            var given = RecordIndex()
            given.collectDocument(input)
            XCTAssertFalse(given.records.isEmpty, "\(file): no records found to compare")
            records += given.records.count
            for (key, value) in given.records {
                guard let out = exported.records[key] else {
                    total.changed.append("\(file): \(key) is not exported at all")
                    total.compared += Paths.of(value).count
                    continue
                }
                let a = Paths.of(value), b = Paths.of(out)
                for (path, v) in a {
                    total.compared += 1
                    if let w = b[path], Paths.same(v, w) { continue }
                    total.changed.append("\(file): \(key)\(path): \(v) became \(b[path].map { "\($0)" } ?? "nothing")")
                }
            }
        }
        print("JSON round trip: \(Self.jsonExamples.count) files, \(records) records, \(total.compared) paths compared, \(total.changed.count) changed (exported records found: \(viaPage) in the JSON page, \(viaTabular) more only in the tabular package)")
        for c in total.changed.prefix(40) { print("  " + c) }
        XCTAssertEqual(total.changed, [])
        XCTAssertGreaterThan(total.compared, 1000)
    }

    func testEveryOfficialTabularExampleComesBackCellForCell() throws {
        var total = Tally()
        var outsideProfile = 0
        for (example, profile) in Self.tabularExamples {
            let given = try Tables.read(Repo.interop + "/" + example)
            let descriptor = try Repo.fixtures.loadDescriptor(profile)
            let columns = Dictionary(try CSVDescriptor.resources(descriptor).map { (Tables.canonical($0.path), Set($0.fields)) }, uniquingKeysWith: { a, _ in a })
            let (directory, writer) = try importAndExport(example)
            let out = Repo.tempDir("tabular-\(profile.rawValue)-" + example.replacingOccurrences(of: "/", with: "_"))
            for (name, data) in try writer.csvPackage(directory, descriptor: descriptor) {
                try SafeFile.write(data, to: out + "/" + name)
            }
            let back = try Tables.read(out)
            for (table, rows) in given {
                for (id, cells) in rows {
                    for (column, value) in cells {
                        if let defined = columns[table], !defined.contains(column) { outsideProfile += 1; continue }
                        total.compared += 1
                        let got = back[Tables.canonical(table)]?[id]?[column]
                        if let got, Tables.same(value, got) { continue }
                        total.changed.append("\(example): \(table) \(id).\(column): \"\(value)\" became \(got.map { "\"\($0)\"" } ?? "nothing")")
                    }
                }
            }
        }
        print("Tabular round trip: \(Self.tabularExamples.count) package exports, \(total.compared) cells compared, \(total.changed.count) changed; \(outsideProfile) cells in columns the UK package does not define")
        for c in total.changed.prefix(40) { print("  " + c) }
        XCTAssertEqual(total.changed, [])
        XCTAssertGreaterThan(total.compared, 300)
    }

    func testAServiceAtLocationScheduleStaysOnTheServiceAtLocation() throws {
        // Before: the schedule was moved onto the service, so the same id was listed twice.
        let doc = """
        {"id": "sal-1", "service": {"id": "svc-1", "name": "Drop-in", "status": "active"},
         "location": {"id": "loc-1", "location_type": "physical", "name": "Hall"},
         "schedules": [{"id": "sched-1", "freq": "WEEKLY", "byday": "MO", "opens_at": "09:00Z", "closes_at": "12:00Z", "timezone": 0}]}
        """
        let batch = HSDSReader(taxonomy: Repo.taxonomy).read(data: Data(doc.utf8), name: "sal.json")
        XCTAssertEqual(batch.errors, [])
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        try store.apply(batch, source: "sal.json")
        let directory = try store.loadDirectory()
        XCTAssertEqual(directory.services[0].schedules.map(\.id), ["sched-1"], "opening hours still know the schedule")
        let s = HSDSWriter(taxonomy: Repo.taxonomy, sources: try store.sourceRecords()).service(directory.services[0], organisation: nil)
        let sal = s["service_at_locations"]?.arrayValue?.first
        XCTAssertEqual(sal?["schedules"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, ["sched-1"])
        XCTAssertEqual(sal?["schedules"]?.arrayValue?.first?["opens_at"], "09:00Z", "the zone on the time is kept")
        XCTAssertNil(s["schedules"], "the schedule is not listed on the service as well")
    }

    func testZonesTimezonesAndUnmodelledFieldsSurviveExport() throws {
        let (directory, writer) = try importAndExport("hsds-3.0/service_full.json")
        let page = String(decoding: try writer.page(directory), as: UTF8.self)
        for field in ["\"timezone\"", "\"wkst\"", "\"until\"", "\"languages\"", "\"funding\"", "\"required_documents\"", "\"program\"", "\"address_type\" : \"postal\""] {
            XCTAssertTrue(page.contains(field), "\(field) was lost")
        }
    }

    func testAnExportDeclaresItsVersionAndProfile() throws {
        let page = HSDSWriter(taxonomy: nil).pageValue(Directory(), profile: .uk)
        XCTAssertEqual(page["version"], "HSDS-UK-3.0")
        XCTAssertEqual(page["profile"]?.stringValue, TabularProfile.uk.profileURL)
        XCTAssertNotNil(page["openapi_url"])
    }
}

/// Records of a document by kind and id, nested ones taken apart the way HSDS nests them.
struct RecordIndex {
    var records: [Key: JSONValue] = [:]
    struct Key: Hashable, CustomStringConvertible {
        var kind: SourceRecords.Kind; var id: String
        var description: String { "\(kind.rawValue) \(id)" }
    }

    mutating func put(_ kind: SourceRecords.Kind, _ v: JSONValue) {
        guard let id = v["id"]?.stringValue else { return }
        let key = Key(kind: kind, id: id)
        if records[key] == nil { records[key] = v }
    }

    /// A whole file: a page, a list, or one record of any kind.
    mutating func collectDocument(_ doc: JSONValue) {
        if let contents = doc["contents"]?.arrayValue { contents.forEach { collectDocument($0) }; return }
        if let list = doc.arrayValue { list.forEach { collectDocument($0) }; return }
        guard let o = doc.objectValue else { return }
        let d = o.mapValues(\.any)
        switch RecordKind.of(d) {
        case .service: collect(doc, as: .service)
        case .organisation: collect(doc, as: .organisation)
        case .serviceAtLocation: collect(doc, as: .serviceAtLocation)
        case .location: collect(doc, as: .location)
        case .taxonomy: collect(doc, as: .taxonomy)
        case .taxonomyTerm: collect(doc, as: .taxonomyTerm)
        default: break
        }
    }

    /// One record, and the records inside it; an organisation's services and a service-at-location's
    /// service are records of their own, compared on their own.
    mutating func collect(_ v: JSONValue, as kind: SourceRecords.Kind) {
        guard var o = v.objectValue else { return }
        switch kind {
        case .organisation:
            for s in o["services"]?.arrayValue ?? [] { collect(s, as: .service) }
            o.removeValue(forKey: "services")
            for l in o["locations"]?.arrayValue ?? [] { collect(l, as: .location) }
        case .serviceAtLocation:
            if let s = o["service"] { collect(s, as: .service) }
            o.removeValue(forKey: "service")
            if let l = o["location"] { collect(l, as: .location) }
        case .service:
            if let org = o["organization"] { collect(org, as: .organisation) }
            for sal in o["service_at_locations"]?.arrayValue ?? [] { collect(sal, as: .serviceAtLocation) }
            for a in o["attributes"]?.arrayValue ?? [] { if let t = a["taxonomy_term"] { collect(t, as: .taxonomyTerm) } }
        case .taxonomyTerm:
            if let t = o["taxonomy_detail"] { collect(t, as: .taxonomy) }
        default: break
        }
        put(kind, .object(o))
    }
}

/// Every value of a record by path; list items are found by their id, so order does not matter.
/// A null is no value (the schemas allow none), so it is not a path.
enum Paths {
    static func of(_ v: JSONValue, _ prefix: String = "") -> [String: JSONValue] {
        switch v {
        case .null: return [:]
        case .object(let o):
            var out: [String: JSONValue] = [:]
            for (k, x) in o { out.merge(of(x, prefix + "." + k)) { a, _ in a } }
            return out
        case .array(let a):
            if a.isEmpty { return [prefix: .array([])] }
            var out: [String: JSONValue] = [:]
            for (i, x) in a.enumerated() {
                let key = x["id"]?.stringValue.map { "[id=\($0)]" } ?? "[\(i)]"
                out.merge(of(x, prefix + key)) { a, _ in a }
            }
            return out
        default:
            return [prefix: v]
        }
    }

    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
        case (.array(let x), .array(let y)): return x.isEmpty && y.isEmpty
        default: return a == b
        }
    }
}

/// A tabular package (CSV folder or tabular.json) as table → id → column → text.
enum Tables {
    static func canonical(_ file: String) -> String {
        let base = (file as NSString).deletingPathExtension
        for (table, names) in CSVPackageReader.tables where names.contains(base + ".csv") { return table }
        return base
    }

    static func read(_ path: String) throws -> [String: [String: [String: String]]] {
        var out: [String: [String: [String: String]]] = [:]
        if path.hasSuffix(".json") {
            let d = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
            for (file, rows) in d {
                for (i, row) in (rows as! [[String: Any]]).enumerated() {
                    let cells = row.compactMapValues { v -> String? in JSONValue(any: v).cellText.flatMap { $0.isEmpty ? nil : $0 } }
                    out[canonical(file), default: [:]][cells["id"] ?? "#\(i)"] = cells
                }
            }
            return out
        }
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: path))
        // Files in the order the reader takes them: where a table is split over a plural and a
        // singular file, the reader keeps the first copy of a row and warns about the other.
        let ordered = CSVPackageReader.tables.values.flatMap { $0 }.filter(names.contains)
            + names.filter { n in n.hasSuffix(".csv") && !CSVPackageReader.tables.values.contains { $0.contains(n) } }.sorted()
        for name in ordered {
            let text = try String(contentsOfFile: path + "/" + name, encoding: .utf8)
            for (i, row) in CSV.records(text).rows.enumerated() {
                let table = canonical(name)
                let id = row.record["id"] ?? "#\(i)"
                if out[table]?[id] == nil { out[table, default: [:]][id] = row.record }
            }
        }
        return out
    }

    static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if let x = RecordReader.decimal(a), let y = RecordReader.decimal(b) { return x == y }
        return false
    }
}
