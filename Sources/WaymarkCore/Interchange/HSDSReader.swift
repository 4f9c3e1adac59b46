import Foundation

/// Reads Open Referral UK (HSDS-UK 3.0) files: a single full service, a page
/// (`{"total_items":…, "contents":[…]}`), a plain array, an organisation with its
/// services, a service-at-location, or a folder of CSVs (with or without `datapackage.json`).
///
/// Reading never writes: the store applies a batch only when it has no errors.
public struct HSDSReader {
    public let taxonomy: Taxonomy?
    /// The official schemas every record is held to (`ReadState.passesSchema`); nil only where
    /// Waymark's Fixtures cannot be found, and then every import is refused, saying so.
    public var schemas: RecordSchemas?
    /// The profile whose schemas judge the records: nil reads what the feed declares in its
    /// `api_details`, else HSDS-UK, since the users are in the UK.
    public var profile: TabularProfile?

    public init(taxonomy: Taxonomy?, schemas: RecordSchemas? = RecordSchemas.bundled, profile: TabularProfile? = nil) {
        self.taxonomy = taxonomy
        self.schemas = schemas
        self.profile = profile
    }

    /// A fresh read, with this reader's rules, schemas and profile.
    func newState(shelf: ServiceShelf) -> ReadState {
        ReadState(decoding: ServiceDecoding(taxonomy: taxonomy), shelf: shelf, schemas: schemas, profile: profile)
    }

    /// The buffer a JSON file is read through: 64 KB, large enough that read(2) costs nothing per
    /// byte, small enough to be no memory at all.
    public static let streamChunkSize = 64 * 1024

    /// Reads files and folders, keeping every service in the batch (to check, or to apply later).
    public func read(paths: [String], chunkSize: Int = HSDSReader.streamChunkSize) -> ImportBatch {
        read(paths: paths, shelf: MemoryShelf(), chunkSize: chunkSize)
    }

    /// Reads files and folders, handing each service to `shelf` as it is read (JSON files are read in a
    /// stream, one record at a time; see `readJSONStream`).
    func read(paths: [String], shelf: ServiceShelf, chunkSize: Int = HSDSReader.streamChunkSize) -> ImportBatch {
        var state = newState(shelf: shelf)
        state.chunkSize = chunkSize
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                // A name that is not UTF-8 reaches Swift with U+FFFD in place of its bad bytes, so it cannot be found by that name.
                if path.unicodeScalars.contains("\u{FFFD}") {
                    state.batch.unreadable.append("\(DisplayText.line(path)): the file name is not valid UTF-8, so it cannot be opened by name; rename it (letters, digits, - and .) and try again")
                    continue
                }
                state.batch.missing.append(path)
                continue
            }
            if isDir.boolValue {
                readFolder(path, into: &state)
            } else if path.lowercased().hasSuffix(".csv") {
                state.issue(.error, file: path, "a CSV file cannot be imported on its own; import the folder that holds services.csv")
            } else {
                readJSONFile(path, explicit: true, into: &state)
            }
        }
        return state.finish(taxonomy: taxonomy)
    }

    /// Reads JSON already in memory (used by tests and by `--directory FILE.json`).
    public func read(data: Data, name: String) -> ImportBatch {
        var state = newState(shelf: MemoryShelf())
        readJSON(data, file: name, explicit: true, into: &state)
        return state.finish(taxonomy: taxonomy)
    }

    private func readFolder(_ path: String, into state: inout ReadState) {
        let fm = FileManager.default
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: path).sorted() } catch {
            state.batch.unreadable.append("\(path): \(error.localizedDescription)")
            return
        }
        if names.contains("services.csv") || names.contains("datapackage.json") {
            CSVPackageReader(folder: path, names: names).read(into: &state)
            return
        }
        // A feed's own description (api_details, or HSDS's base.json) is read first: it says which
        // profile's schemas judge the rest of the folder.
        let declarations: Set<String> = ["api_details.json", "base.json"]
        let all = names.filter { $0.lowercased().hasSuffix(".json") }
        let json = all.filter { declarations.contains($0.lowercased()) } + all.filter { !declarations.contains($0.lowercased()) }
        if json.isEmpty {
            state.issue(.error, file: path, "holds no .json files and no services.csv; nothing to import")
        }
        for name in json { readJSONFile((path as NSString).appendingPathComponent(name), explicit: false, into: &state) }
    }

    private func readJSONFile(_ path: String, explicit: Bool, into state: inout ReadState) {
        readJSONStream(.file(path), file: (path as NSString).lastPathComponent, explicit: explicit, chunkSize: state.chunkSize, into: &state)
    }

    func readJSON(_ data: Data, file: String, explicit: Bool, into state: inout ReadState) {
        let root: Any
        if let p = JSONPreScan.problem(in: [UInt8](data)) {
            state.sink.add(ImportIssue(.error, file: file, record: p.record.map { "record " + $0 }, path: p.field,
                                       message: p.message))
            return
        }
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            state.issue(.error, file: file, Self.notValidJSON(detail))
            return
        }
        state.beginFile()
        switch root {
        case let list as [Any]:
            readItems(list, file: file, pathPrefix: "", explicit: explicit, into: &state)
        case let dict as [String: Any]:
            if let contents = dict["contents"] as? [Any] {
                readItems(contents, file: file, pathPrefix: "contents", explicit: explicit, into: &state)
            } else {
                readItem(dict, file: file, path: "", explicit: explicit, into: &state)
            }
        default:
            state.issue(.error, file: file, "holds \(RecordReader.describe(root)), not an Open Referral object or list")
        }
    }

    private func readItems(_ list: [Any], file: String, pathPrefix: String, explicit: Bool, into state: inout ReadState) {
        for (i, item) in list.enumerated() { readListItem(item, index: i, file: file, pathPrefix: pathPrefix, explicit: explicit, into: &state) }
    }

    /// One item of a page's `contents` or of a plain list.
    func readListItem(_ item: Any, index i: Int, file: String, pathPrefix: String, explicit: Bool, into state: inout ReadState) {
        guard let dict = item as? [String: Any] else {
            state.issue(.error, file: file, "\(pathPrefix)[\(i)] is \(RecordReader.describe(item)), not an object")
            return
        }
        readItem(dict, file: file, path: "\(pathPrefix)[\(i)]", explicit: explicit, into: &state)
    }

    func readItem(_ dict: [String: Any], file: String, path: String, explicit: Bool, into state: inout ReadState) {
        let kind = RecordKind.of(dict)
        let d = state.decoding
        // Every record is first held to its official schema, as the source wrote it; one that fails
        // is not read further (the import is refused whole, and its errors say why).
        let label = ReadState.label(kind.label, dict)
        if path.hasPrefix("contents") {
            if let list = kind.schemaDocument(inPage: true), let full = kind.schemaDocument(inPage: false),
               !state.passesPageItem(list, full, dict, file: file, record: label) { return }
        } else if let document = kind.schemaDocument(inPage: false),
                  !state.passesSchema(document, dict, file: file, record: label) { return }
        switch kind {
        case .service:
            let r = state.reader(dict, file: file, kind: "service", lenient: false)
            if let (service, org) = d.service(r, organisationID: nil) {
                state.add(service, org: org, file: file, at: path)
                state.keepService(dict)
            }
        case .organisation:
            let r = state.reader(dict, file: file, kind: "organisation", lenient: false)
            guard let org = d.organisation(r) else { return }
            state.add(org)
            state.keep(.organisation, dict, without: "services")
            for (s, _) in r.objects("services") {
                let sr = state.reader(s.object, file: file, kind: "service", lenient: false)
                if let (service, inner) = d.service(sr, organisationID: org.id) {
                    state.add(service, org: inner, file: file, at: path)
                    state.keepService(s.object)
                }
            }
        case .serviceAtLocation:
            let r = state.reader(dict, file: file, kind: "service_at_location", lenient: false)
            guard let s = r.object("service") else { return }
            var merged = s.object
            // The service-at-location's own schedules, phones and contacts travel with it.
            var sal: [String: Any] = dict.filter { $0.key != "service" }
            if sal["id"] == nil { sal["id"] = "" }
            merged["service_at_locations"] = [sal]
            let sr = state.reader(merged, file: file, kind: "service", lenient: false)
            if let (service, org) = d.service(sr, organisationID: nil) {
                state.add(service, org: org, file: file, at: path)
                state.keepService(s.object)
                state.keep(.serviceAtLocation, dict, without: "service")
            }
        case .location:
            let r = state.reader(dict, file: file, kind: "location", lenient: false)
            if d.location(r, fallback: "") != nil, let id = dict["id"] as? String {
                state.keep(.location, dict)
                state.batch.notes.append("\(file): location \(shortID(id)) kept for export; no service in this import is delivered there")
            }
        case .taxonomyTerm, .taxonomy:
            state.keep(kind == .taxonomy ? .taxonomy : .taxonomyTerm, dict)
            state.taxonomyRecords += 1
        case .apiDetails:
            let declared = TabularProfile.declared(version: dict["version"] as? String, profile: dict["profile"] as? String)
            if profile == nil, let declared { state.profile = declared }
            state.batch.notes.append("\(file): feed details (\(dict["version"] as? String ?? "no version")); nothing to import"
                                     + (profile == nil && declared != nil ? "; its records are checked by the \(state.profile.rawValue) profile's schemas" : ""))
        case .tabular:
            CSVPackageReader.readTabular(dict, file: file, into: &state)
        case .unknown:
            if explicit {
                state.issue(.error, file: file, "is not an Open Referral service, organisation or page of them")
            } else {
                state.batch.notes.append("\(file): skipped; it is not an Open Referral resource")
            }
        }
    }
}

/// What an object in a feed is, judged by its fields.
enum RecordKind {
    case service, organisation, serviceAtLocation, location, taxonomy, taxonomyTerm, apiDetails, tabular, unknown

    /// The official schema that judges it; the tabular form is judged record by record once joined.
    /// An item of a page (`contents`) is judged as the API's list endpoints are, by the list schema;
    /// what the full schema adds is told as warnings (`ReadState.passesPageItem`).
    func schemaDocument(inPage: Bool) -> SchemaDocument? {
        switch self {
        case .service: inPage ? .serviceList : .service
        case .organisation: inPage ? .organizationList : .organization
        case .serviceAtLocation: inPage ? .serviceAtLocationList : .serviceAtLocation
        case .location: .location
        case .taxonomy: .taxonomy
        case .taxonomyTerm: .taxonomyTerm
        case .apiDetails: .apiDetails
        case .tabular, .unknown: nil
        }
    }

    /// How an issue names a record of this kind: "service ac148810…".
    var label: String {
        switch self {
        case .service: "service"
        case .organisation: "organisation"
        case .serviceAtLocation: "service_at_location"
        case .location: "location"
        case .taxonomy: "taxonomy"
        case .taxonomyTerm: "taxonomy term"
        case .apiDetails: "api_details"
        case .tabular, .unknown: "record"
        }
    }

    static func of(_ d: [String: Any]) -> RecordKind {
        // The tabular form in JSON: {"services.csv": [rows], "organizations.csv": [rows], …}.
        if !d.isEmpty, d.keys.allSatisfy({ $0.hasSuffix(".csv") }), d.values.allSatisfy({ $0 is [Any] }) { return .tabular }
        // A bare location: a location type and no service's status or organisation.
        if d["location_type"] is String, d["status"] == nil, d["organization"] == nil, d["service"] == nil { return .location }
        if let inner = d["service"] as? [String: Any], inner["id"] != nil || d["location"] != nil { return .serviceAtLocation }
        if d["taxonomy_terms"] is [Any] { return .taxonomy }
        let serviceSigns = ["status", "organization", "service_at_locations", "schedules", "eligibility_description",
                            "minimum_age", "application_process", "fees", "fees_description", "assured_date"]
        let looksLikeService = serviceSigns.contains { d[$0] != nil }
        if d["services"] is [Any] { return .organisation }
        if !looksLikeService {
            if d["term_uri"] != nil || d["taxonomy"] != nil || d["parent_id"] != nil || d["code"] != nil { return .taxonomyTerm }
            if d["uri"] != nil && d["version"] != nil && d["website"] == nil { return .taxonomy }
            if d["website"] != nil || d["organization_identifiers"] != nil || d["legal_status"] != nil { return .organisation }
            if d["openapi_url"] != nil || (d["profile"] != nil && d["version"] != nil) { return .apiDetails }
            return .unknown
        }
        return .service
    }
}

/// Everything gathered while reading the files of one import.
struct ReadState {
    let decoding: ServiceDecoding
    var batch = ImportBatch()
    let sink = IssueSink()
    var organisations: [String: Organisation] = [:]
    var organisationOrder: [String] = []
    /// Where services go as they are read; only what cross-record checks need stays here.
    let shelf: ServiceShelf
    var serviceCount = 0
    /// How many kept services name each organisation, and carry each term outside Waymark's vocabulary.
    var organisationUses: [String: Int] = [:]
    var unknownTermUses: [String: Int] = [:]
    /// Where each service id was first seen in the current file, to catch duplicates within a file.
    var seenInFile: [String: String] = [:]
    var taxonomyRecords = 0
    /// The records as read, kept whole for export (`SourceRecords`); services' own go to the shelf.
    var sources = SourceRecords()
    /// The buffer a JSON file is read through.
    var chunkSize = HSDSReader.streamChunkSize
    let schemas: RecordSchemas?
    /// Whose schemas judge the next record: the reader's choice, or what the feed declared.
    var profile: TabularProfile
    private var schemaFailureReported = false

    init(decoding: ServiceDecoding, shelf: ServiceShelf, schemas: RecordSchemas? = RecordSchemas.bundled, profile: TabularProfile? = nil) {
        self.decoding = decoding
        self.shelf = shelf
        self.schemas = schemas
        self.profile = profile ?? .uk
    }

    /// The one place a record meets its official schema (`RecordSchemas`, compiled once): every
    /// violation becomes an issue with file, record and field path; a non-uuid id is a warning
    /// (`SchemaViolation.severity`), everything else an error. Returns whether there was no error.
    mutating func passesSchema(_ document: SchemaDocument, _ dict: [String: Any], file: String, record: String,
                               cellsAsText: Bool = false) -> Bool {
        guard let found = violations(document, dict, file: file, record: record, cellsAsText: cellsAsText) else { return false }
        return report(found, file: file, record: record)
    }

    /// A page item, judged as the API judges it, by the list schema. The list schema leaves nested
    /// lists (a `full=true` page's contacts, schedules…) undefined; what the full schema finds beyond
    /// it is told as warnings naming the full schema, since the official check accepts them, and the
    /// decoder's own warning about the same field, if it has one, takes its place.
    /// `PageItemSchemaTests` shows the full schemas make every check the list ones make.
    mutating func passesPageItem(_ list: SchemaDocument, _ full: SchemaDocument, _ dict: [String: Any], file: String, record: String) -> Bool {
        guard let found = violations(list, dict, file: file, record: record), report(found, file: file, record: record) else { return false }
        guard full != list, case .success(let fullSchema) = compiled(full) else { return true }
        for v in fullSchema.violations(of: dict) where !found.contains(v) {
            sink.add(ImportIssue(.warning, file: file, record: record, path: v.path.isEmpty ? nil : v.path,
                                 message: v.message + " (the \(full.rawValue) schema asks it; a page is checked by the list schema, which does not)"),
                     provisional: true)
        }
        return true
    }

    /// The record's violations of `document`, or nil when the schema cannot be compiled (said once).
    private mutating func violations(_ document: SchemaDocument, _ dict: [String: Any], file: String, record: String,
                                     cellsAsText: Bool = false) -> [SchemaViolation]? {
        switch compiled(document) {
        case .failure(let error):
            if !schemaFailureReported {
                sink.add(ImportIssue(.error, file: file, record: record, message: "cannot be checked: \(error)"))
                schemaFailureReported = true
            }
            return nil
        case .success(let schema):
            return schema.violations(of: dict, cellsAsText: cellsAsText)
        }
    }

    /// Each violation as an issue; whether none was an error.
    private func report(_ found: [SchemaViolation], file: String, record: String) -> Bool {
        var passed = true
        for v in found {
            sink.add(ImportIssue(v.severity, file: file, record: record, path: v.path.isEmpty ? nil : v.path, message: v.issueMessage))
            if v.severity == .error { passed = false }
        }
        return passed
    }

    private func compiled(_ document: SchemaDocument) -> Result<JSONSchema, SchemaError> {
        schemas.map { $0.schema(document, profile: profile) } ?? .failure(.unreadable("schemas (Fixtures/schemas was not found)"))
    }

    /// "service ac148810…", from a record's kind and id.
    static func label(_ kind: String, _ dict: [String: Any]) -> String {
        "\(kind) \((dict["id"] as? String).map(shortID) ?? "(no id)")"
    }

    mutating func keep(_ kind: SourceRecords.Kind, _ dict: [String: Any], without nested: String? = nil) {
        guard let id = dict["id"] as? String, !id.isEmpty else { return }
        var d = dict
        if let nested { d.removeValue(forKey: nested) }
        let value = JSONValue(any: d).withoutNulls
        guard kind == .service else { return sources.add(kind, id: id, value) }
        if let existing = shelf.source(id) {
            shelf.putSource(id, SourceMerge.overlay(existing, on: value), isNew: false)
        } else {
            shelf.putSource(id, value, isNew: true)
        }
    }

    /// A service's record, with its organisation kept apart (one copy for all its services).
    mutating func keepService(_ dict: [String: Any]) {
        if let org = dict["organization"] as? [String: Any] { keep(.organisation, org, without: "services") }
        keep(.service, dict, without: "organization")
    }

    mutating func beginFile() { seenInFile = [:] }

    func reader(_ dict: [String: Any], file: String, kind: String, lenient: Bool) -> RecordReader {
        RecordReader(dict, file: file, record: Self.label(kind, dict), lenient: lenient, sink: sink)
    }

    mutating func issue(_ severity: ImportIssue.Severity, file: String, _ message: String) {
        sink.add(ImportIssue(severity, file: file, message: message))
    }

    mutating func add(_ org: Organisation) {
        if let existing = organisations[org.id] {
            organisations[org.id] = Merge.organisation(existing, org)
        } else {
            organisations[org.id] = org
            organisationOrder.append(org.id)
        }
    }

    mutating func add(_ service: Service, org: Organisation?, file: String, at path: String) {
        if let org { add(org) }
        if let first = seenInFile[service.id] {
            sink.add(ImportIssue(.error, file: file, record: "service \(shortID(service.id))", path: path.isEmpty ? nil : path,
                                 message: "duplicate id: the same id is already used at \(first.isEmpty ? "the top of the file" : first)"))
            return
        }
        seenInFile[service.id] = path
        if let existing = shelf.service(service.id) {
            // The same service appears in several files of one feed (list, full, by organisation): merge them.
            let merged = Merge.service(existing, service)
            count(existing, by: -1)
            count(merged, by: 1)
            shelf.put(merged, isNew: false)
        } else {
            count(service, by: 1)
            serviceCount += 1
            shelf.put(service, isNew: true)
        }
    }

    /// Keeps the tallies `finish` reports from, as services are kept and replaced by merged copies.
    private mutating func count(_ s: Service, by n: Int) {
        organisationUses[s.organisationID, default: 0] += n
        guard let taxonomy = decoding.taxonomy else { return }
        for t in taxonomy.unknownTerms(of: s) { unknownTermUses["\(t.taxonomy.isEmpty ? "(no taxonomy)" : t.taxonomy)/\(t.code)", default: 0] += n }
    }

    mutating func finish(taxonomy: Taxonomy?) -> ImportBatch {
        var batch = self.batch
        batch.issues = sink.issues
        batch.omittedWarnings = sink.omittedWarnings
        let referenced = organisationUses.filter { $0.value > 0 }.keys.sorted()
        if referenced.contains("unknown-provider"), organisations["unknown-provider"] == nil {
            organisationOrder.append("unknown-provider")
            organisations["unknown-provider"] = Organisation(id: "unknown-provider", name: "Unknown provider",
                                                             description: "Services whose source named no organisation.")
        }
        for id in referenced where organisations[id] == nil {
            batch.issues.append(ImportIssue(.warning, file: "import", record: "organisation \(shortID(id))",
                                            message: "is named by a service but not included; it is listed as \"Unknown provider\""))
            organisations[id] = Organisation(id: id, name: "Unknown provider",
                                             description: "Named by a service, but not included in the import.")
            organisationOrder.append(id)
        }
        batch.organisations = organisationOrder.compactMap { organisations[$0] }
        batch.sources = sources
        batch.serviceCount = serviceCount
        shelf.finish(into: &batch)
        if taxonomyRecords > 0 {
            batch.notes.append("\(taxonomyRecords) taxonomy record(s) checked; Waymark keeps its own vocabularies")
        }
        for (term, n) in unknownTermUses.filter({ $0.value > 0 }).sorted(by: { $0.key < $1.key }) {
            batch.notes.append("term \(term) (on \(n) service\(n == 1 ? "" : "s")) is not in Waymark's vocabulary; kept, and still searchable")
        }
        return batch
    }
}

/// How two copies of one record from different files of a feed are combined:
/// what one lacks, the other fills.
enum Merge {
    static func organisation(_ a: Organisation, _ b: Organisation) -> Organisation {
        var m = a
        m.description = a.description ?? b.description
        m.website = a.website ?? b.website
        m.email = a.email ?? b.email
        if m.identifiers.isEmpty { m.identifiers = b.identifiers }
        return m
    }

    static func service(_ a: Service, _ b: Service) -> Service {
        var m = a
        m.url = a.url ?? b.url
        m.email = a.email ?? b.email
        m.alert = a.alert ?? b.alert
        m.fees = a.fees ?? b.fees
        m.applicationProcess = a.applicationProcess ?? b.applicationProcess
        m.assuredDate = a.assuredDate ?? b.assuredDate
        m.lastModified = a.lastModified ?? b.lastModified
        m.eligibility.description = a.eligibility.description ?? b.eligibility.description
        m.eligibility.minimumAge = a.eligibility.minimumAge ?? b.eligibility.minimumAge
        m.eligibility.maximumAge = a.eligibility.maximumAge ?? b.eligibility.maximumAge
        if m.organisationID == "unknown-provider" { m.organisationID = b.organisationID }
        m.locations += b.locations.filter { l in !a.locations.contains { $0.id == l.id } }
        m.schedules += b.schedules.filter { s in !a.schedules.contains { $0.id == s.id } }
        m.phones += b.phones.filter { p in !a.phones.contains { $0.id == p.id } }
        m.contacts += b.contacts.filter { p in !a.contacts.contains { $0.id == p.id } }
        m.serviceAreas += b.serviceAreas.filter { p in !a.serviceAreas.contains { $0.id == p.id } }
        m.costOptions += b.costOptions.filter { p in !a.costOptions.contains { $0.id == p.id } }
        m.terms += b.terms.filter { t in !a.terms.contains { $0.attributeID == t.attributeID } }
        return m
    }
}
