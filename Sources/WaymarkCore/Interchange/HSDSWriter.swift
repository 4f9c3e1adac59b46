import Foundation

/// Writes the directory as Open Referral UK: a JSON page of full services, or a
/// CSV data package. What `HSDSReader` reads back from either is the same directory.
public struct HSDSWriter {
    public let taxonomy: Taxonomy?
    /// The records as their sources wrote them: on every path a source has, the source wins.
    public let sources: SourceRecords

    public init(taxonomy: Taxonomy?, sources: SourceRecords = SourceRecords()) {
        self.taxonomy = taxonomy
        self.sources = sources
    }

    // MARK: JSON

    /// One full service as HSDS: Waymark's model, with the source record laid over it
    /// (its organisation, its services-at-location and their locations as the source gave them).
    public func service(_ s: Service, organisation: Organisation?) -> JSONValue {
        let generated = generatedService(s, organisation: organisation)
        guard var src = sources[.service, s.id]?.objectValue ?? (hasSourceParts(s) ? [:] : nil) else { return generated }
        if let org = sources[.organisation, s.organisationID], organisation != nil {
            src["organization"] = SourceMerge.overlay(org, on: src["organization"] ?? .object([:]))
        }
        var sals = src["service_at_locations"]?.arrayValue ?? []
        for sal in s.locations {
            var item = sources[.serviceAtLocation, sal.id]?.objectValue ?? [:]
            if let loc = sources[.location, sal.location.id] {
                item["location"] = SourceMerge.overlay(item["location"] ?? .object([:]), on: loc)
            }
            guard !item.isEmpty else { continue }
            item["id"] = .string(sal.id)
            if let i = sals.firstIndex(where: { $0["id"]?.stringValue == sal.id }) {
                sals[i] = SourceMerge.overlay(sals[i], on: .object(item))
            } else if src["service_at_locations"] != nil {
                sals.append(.object(item))
            } else {
                sals.append(.object(item))
            }
        }
        if !sals.isEmpty { src["service_at_locations"] = .array(sals) }
        return SourceMerge.overlay(.object(src), on: generated)
    }

    private func hasSourceParts(_ s: Service) -> Bool {
        s.locations.contains { sources[.serviceAtLocation, $0.id] != nil || sources[.location, $0.location.id] != nil }
    }

    /// An organisation as HSDS, its source laid over Waymark's fields.
    public func organisation(_ org: Organisation) -> JSONValue {
        let generated = organisationValue(org)
        guard let src = sources[.organisation, org.id] else { return generated }
        return SourceMerge.overlay(src, on: generated)
    }

    func generatedService(_ s: Service, organisation: Organisation?) -> JSONValue {
        var o = JSONObjectBuilder(["id": .string(s.id), "name": .string(s.name), "status": .string(s.status.rawValue),
                                   "organization_id": .string(s.organisationID)])
        o.set("description", s.description.isEmpty ? nil : s.description)
        o.set("url", s.url)
        o.set("email", s.email)
        o.set("alert", s.alert)
        o.set("eligibility_description", s.eligibility.description)
        o.set("minimum_age", s.eligibility.minimumAge)
        o.set("maximum_age", s.eligibility.maximumAge)
        o.set("fees_description", s.fees)
        o.set("application_process", s.applicationProcess)
        o.set("assured_date", s.assuredDate?.description)
        o.set("last_modified", s.lastModified)
        if let organisation { o.set("organization", organisationValue(organisation)) }
        o.set("phones", s.phones.map(phoneValue))
        o.set("contacts", s.contacts.map { c -> JSONValue in
            var d = JSONObjectBuilder(["id": .string(c.id)])
            d.set("name", c.name); d.set("title", c.title); d.set("email", c.email)
            return d.value
        })
        o.set("schedules", s.schedules.map(scheduleValue))
        o.set("service_areas", s.serviceAreas.map { a -> JSONValue in
            var d = JSONObjectBuilder(["id": .string(a.id)])
            d.set("name", a.name); d.set("description", a.description); d.set("extent_type", a.extentType); d.set("uri", a.uri)
            return d.value
        })
        o.set("service_at_locations", s.locations.map { JSONValue.object(["id": .string($0.id), "location": locationValue($0.location)]) })
        o.set("cost_options", s.costOptions.map { c -> JSONValue in
            var d = JSONObjectBuilder(["id": .string(c.id)])
            d.set("option", c.option); d.set("amount", c.amount); d.set("currency", c.currency); d.set("amount_description", c.amountDescription)
            return d.value
        })
        o.set("attributes", s.terms.map { t -> JSONValue in
            var term = JSONObjectBuilder(["id": .string(t.termID), "code": .string(t.code), "taxonomy": .string(t.taxonomy)])
            // Every schema requires a term's name and description: the vocabulary's words, else the code.
            let known = Vocabulary(rawValue: t.taxonomy).flatMap { taxonomy?.term(t.code, in: $0) }
            let name = t.name ?? known?.label ?? t.code
            term.set("name", name)
            term.set("description", known?.description ?? name)
            return .object(["id": .string(t.attributeID), "link_entity": "service", "link_type": "taxonomy",
                            "taxonomy_term_id": .string(t.termID), "taxonomy_term": term.value])
        })
        return o.value
    }

    func organisationValue(_ org: Organisation) -> JSONValue {
        // Every official schema requires an organisation's description; one stored without
        // (from before import checked it) is written with an empty one.
        var o = JSONObjectBuilder(["id": .string(org.id), "name": .string(org.name), "description": .string(org.description ?? "")])
        o.set("website", org.website)
        o.set("email", org.email)
        o.set("organization_identifiers", org.identifiers.map {
            .object(["id": .string($0.id), "identifier_scheme": .string($0.scheme), "identifier_type": .string($0.type),
                     "identifier": .string($0.identifier)])
        })
        return o.value
    }

    func phoneValue(_ p: Phone) -> JSONValue {
        var d = JSONObjectBuilder(["id": .string(p.id), "number": .string(p.number)])
        d.set("type", p.type); d.set("description", p.description)
        return d.value
    }

    func scheduleValue(_ s: Schedule) -> JSONValue {
        var d = JSONObjectBuilder(["id": .string(s.id)])
        d.set("freq", s.freq?.rawValue)
        d.set("interval", s.interval)
        if !s.byday.isEmpty { d.set("byday", s.byday.map(\.description).joined(separator: ",")) }
        if !s.bymonthday.isEmpty { d.set("bymonthday", s.bymonthday.map(String.init).joined(separator: ",")) }
        d.set("opens_at", s.opensAt?.iso)
        d.set("closes_at", s.closesAt?.iso)
        d.set("valid_from", s.validFrom?.description)
        d.set("valid_to", s.validTo?.description)
        d.set("dtstart", s.dtstart?.description)
        d.set("description", s.description)
        d.set("notes", s.notes)
        return d.value
    }


    func locationValue(_ l: Location) -> JSONValue {
        var d = JSONObjectBuilder(["id": .string(l.id), "location_type": .string(l.type.rawValue)])
        d.set("name", l.name)
        d.set("description", l.description)
        d.set("latitude", l.latitude)
        d.set("longitude", l.longitude)
        d.set("transportation", l.transportation)
        if let a = l.address {
            var ad = JSONObjectBuilder(["id": .string(a.id), "address_type": .string(a.type.rawValue)])
            ad.set("address_1", a.address1); ad.set("city", a.city); ad.set("postal_code", a.postcode); ad.set("country", a.country)
            ad.set("state_province", a.stateProvince)
            d.set("addresses", [ad.value])
        }
        d.set("accessibility", l.accessibility.map { .object(["id": .string($0.id), "description": .string($0.description)]) })
        return d.value
    }

    /// The directory as one HSDS page: `{"total_items": N, …, "contents": [full services]}`,
    /// declaring its version and profile as `api_details` does.
    public func pageValue(_ directory: Directory, profile: TabularProfile = .uk) -> JSONValue {
        let orgs = Dictionary(directory.organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let contents = directory.services.map { service($0, organisation: orgs[$0.organisationID]) }
        let n = contents.count
        return .object([
            "total_items": .int(n), "total_pages": 1, "page_number": 1, "size": .int(n),
            "first_page": true, "last_page": true, "empty": .bool(n == 0), "contents": .array(contents),
            "version": .string(profile.apiVersion), "profile": .string(profile.profileURL), "openapi_url": .string(profile.openapiURL),
        ])
    }

    public func page(_ directory: Directory) throws -> Data {
        try pageValue(directory).jsonData()
    }

    /// Writes the page `pageValue` makes, byte for byte, one service at a time: `services` hands
    /// each service with its organisation to the closure it is given, so no document tree of the
    /// whole page is built. `count` is the number of services it will hand over.
    public func writePage(count: Int, profile: TabularProfile = .uk, to file: BufferedFile,
                          services: ((Service, Organisation?) throws -> Void) throws -> Void) throws {
        guard count > 0 else {
            return file.write(try pageValue(Directory(), profile: profile).jsonData())
        }
        // The page's own fields, laid out by the encoder around one placeholder item.
        var frame = pageValue(Directory(), profile: profile).objectValue ?? [:]
        for (k, v) in [("total_items", JSONValue.int(count)), ("size", .int(count)), ("empty", .bool(false)), ("contents", .array([0]))] {
            frame[k] = v
        }
        let text = String(decoding: try JSONValue.object(frame).jsonData(), as: UTF8.self)
        guard let slot = text.range(of: "\n    0\n") else { throw CocoaError(.coderInvalidValue) }
        file.write(String(text[..<slot.lowerBound]) + "\n    ")
        var written = 0
        try services { s, org in
            if written > 0 { file.write(",\n    ") }
            // Each item is the encoder's own text for it, indented to its depth in the page.
            let item = String(decoding: try service(s, organisation: org).jsonData(), as: UTF8.self)
            file.write(item.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { $0.offset == 0 || $0.element.isEmpty ? $0.element : "    " + $0.element }.joined(separator: "\n"))
            written += 1
        }
        guard written == count else { throw CocoaError(.coderInvalidValue) }
        file.write(String(text[text.index(before: slot.upperBound)...]))
    }

    /// Every record Waymark would export, by kind and id: services whole, and each organisation,
    /// service-at-location, location and taxonomy record, whether or not a service reaches it.
    public func records(_ directory: Directory) -> [SourceRecords.Kind: [String: JSONValue]] {
        var out: [SourceRecords.Kind: [String: JSONValue]] = [:]
        for kind in SourceRecords.Kind.allCases { for id in sources.ids(kind) { out[kind, default: [:]][id] = sources[kind, id] } }
        let orgs = Dictionary(directory.organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for o in directory.organisations { out[.organisation, default: [:]][o.id] = organisation(o) }
        for s in directory.services { out[.service, default: [:]][s.id] = service(s, organisation: orgs[s.organisationID]) }
        return out
    }

    // MARK: CSV

    /// The directory as the official tabular data package of `descriptor` (the profile's own
    /// `datapackage.json`, written out unchanged): file name → bytes. Every resource and
    /// every column the descriptor lists, in its order, with empty cells where there is no
    /// value and header-only files where Waymark has no rows; fields the profile lacks are left out.
    public func csvPackage(_ directory: Directory, descriptor: Data) throws -> [(name: String, data: Data)] {
        let resources = try CSVDescriptor.resources(descriptor)
        var tables = CSVTables(columns: Dictionary(resources.map { ($0.name, Set($0.fields)) }, uniquingKeysWith: { a, _ in a }))
        for o in directory.organisations { tables.add(organisation(o), as: "organization") }
        let orgs = Dictionary(directory.organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for s in directory.services { tables.add(service(s, organisation: orgs[s.organisationID]), as: "service") }
        // Records no service reaches still have their rows: a bare location, the vocabularies, table descriptions.
        let standalone: [(SourceRecords.Kind, String)] = [(.location, "location"), (.taxonomy, "taxonomy"), (.taxonomyTerm, "taxonomy_term"),
                                                          (.program, "program"), (.metaTableDescription, "meta_table_description"),
                                                          (.attribute, "attribute"), (.metadata, "metadata")]
        for (kind, resource) in standalone {
            for id in sources.ids(kind) { if let v = sources[kind, id] { tables.add(v, as: resource) } }
        }
        var files: [(String, Data)] = resources.map { r in
            (r.path, Data(CSV.write(header: r.fields, rows: tables.rows(r.name)).utf8))
        }
        // Tables the profile does not define (the UK package has no programs.csv) are still
        // written when there are rows for them, beside the package, so nothing is lost.
        let defined = Set(resources.map(\.name))
        for (table, file) in CSVTables.files where !defined.contains(table) {
            let rows = tables.rows(table)
            guard !rows.isEmpty else { continue }
            var header = ["id"]
            for r in rows { for k in r.keys.sorted() where !header.contains(k) { header.append(k) } }
            files.append((file, Data(CSV.write(header: header, rows: rows).utf8)))
        }
        // Links the profile has no column for (a UK phone names only its contact, so a service's own
        // phone would lose its service) are written beside the package too, so no row loses its parent.
        for r in resources {
            let rows = tables.rows(r.name).compactMap { row -> [String: String]? in
                let links = row.filter { $0.key.hasSuffix("_id") && !$0.value.isEmpty && !r.fields.contains($0.key) }
                guard !links.isEmpty, let id = row["id"] else { return nil }
                return links.merging(["id": id]) { a, _ in a }
            }
            guard !rows.isEmpty else { continue }
            let header = ["id"] + Set(rows.flatMap(\.keys)).subtracting(["id"]).sorted()
            files.append((CSVTables.linksFile(r.path), Data(CSV.write(header: header, rows: rows).utf8)))
        }
        files.append(("datapackage.json", descriptor))
        return files
    }
}

/// The tables of a tabular package, filled by flattening nested HSDS records: each nested
/// list is rows of its own table, naming its parent (`service_id`, `link_id`…); each row is
/// written once, filled from every copy of it.
struct CSVTables {
    let columns: [String: Set<String>]
    private var order: [String: [String]] = [:]
    private var byID: [String: [String: [String: String]]] = [:]
    private var anonymous: [String: [[String: String]]] = [:]

    init(columns: [String: Set<String>]) { self.columns = columns }

    /// The file beside a table's that holds the links its profile has no column for: `phones.links.csv`.
    static func linksFile(_ path: String) -> String {
        (path.hasSuffix(".csv") ? String(path.dropLast(4)) : path) + ".links.csv"
    }

    /// The HSDS 3.0 file of each table, for tables a profile does not define.
    static let files: [(String, String)] = [
        ("program", "programs.csv"), ("required_document", "required_documents.csv"), ("funding", "funding.csv"),
        ("language", "languages.csv"), ("metadata", "metadata.csv"), ("meta_table_description", "meta_table_descriptions.csv"),
    ]

    /// Nested lists (key → table) and nested objects (key → table) of each table's records.
    static let lists: [String: [(String, String)]] = [
        "service": [("phones", "phone"), ("schedules", "schedule"), ("service_areas", "service_area"),
                    ("service_at_locations", "service_at_location"), ("languages", "language"), ("funding", "funding"),
                    ("cost_options", "cost_option"), ("required_documents", "required_document"), ("contacts", "contact")],
        "organization": [("funding", "funding"), ("contacts", "contact"), ("phones", "phone"), ("locations", "location"),
                         ("programs", "program"), ("organization_identifiers", "organization_identifier")],
        "service_at_location": [("contacts", "contact"), ("phones", "phone"), ("schedules", "schedule")],
        "location": [("addresses", "address"), ("phones", "phone"), ("contacts", "contact"), ("schedules", "schedule"),
                     ("accessibility", "accessibility"), ("languages", "language")],
        "phone": [("languages", "language")],
        "contact": [("phones", "phone")],
        "taxonomy": [("taxonomy_terms", "taxonomy_term")],
    ]
    static let objects: [String: [(String, String)]] = [
        "service": [("organization", "organization"), ("program", "program")],
        "service_at_location": [("location", "location")],
        "attribute": [("taxonomy_term", "taxonomy_term")],
        "taxonomy_term": [("taxonomy_detail", "taxonomy")],
    ]

    mutating func add(_ value: JSONValue, as table: String, parent: (table: String, id: String)? = nil) {
        guard var o = value.objectValue else { return }
        let id = o["id"]?.stringValue
        if let parent {
            if table == "attribute" {
                if o["link_id"] == nil { o["link_id"] = .string(parent.id) }
                if o["link_entity"] == nil { o["link_entity"] = .string(parent.table) }
            } else if table == "metadata" {
                if o["resource_id"] == nil { o["resource_id"] = .string(parent.id) }
                if o["resource_type"] == nil { o["resource_type"] = .string(parent.table) }
            } else if o["\(parent.table)_id"] == nil {
                o["\(parent.table)_id"] = .string(parent.id)
            }
        }
        for (key, child) in Self.objects[table] ?? [] {
            guard let c = o[key], let cid = c["id"]?.stringValue else { continue }
            if o["\(child)_id"] == nil { o["\(child)_id"] = .string(cid) }
            add(c, as: child)
        }
        var row: [String: String] = [:]
        for (k, v) in o { if let text = v.cellText { row[k] = text } }
        if table == "taxonomy_term" {
            // The UK package has no `code` column; its `term` carries the code. Both require a description.
            if row["term"] == nil { row["term"] = row["code"] ?? row["name"] }
            if row["description"] == nil { row["description"] = row["name"] ?? row["term"] }
        }
        if let id {
            if byID[table]?[id] == nil { order[table, default: []].append(id) }
            byID[table, default: [:]][id, default: [:]].merge(row) { old, _ in old }
        } else {
            anonymous[table, default: []].append(row)
        }
        guard let selfID = id else { return }
        for (key, child) in (Self.lists[table] ?? []) + [("attributes", "attribute"), ("metadata", "metadata")] {
            for item in o[key]?.arrayValue ?? [] { add(item, as: child, parent: (table, selfID)) }
        }
    }

    func rows(_ table: String) -> [[String: String]] {
        (order[table] ?? []).compactMap { byID[table]?[$0] } + (anonymous[table] ?? [])
    }
}

/// The resources of an official tabular descriptor: name (`service`), file (`services.csv`)
/// and its columns in order.
enum CSVDescriptor {
    struct Resource { var name: String; var path: String; var fields: [String] }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "the data package descriptor is not a tabular data package (resources with schema fields)" }
    }

    static func resources(_ descriptor: Data) throws -> [Resource] {
        struct Field: Decodable { var name: String }
        struct Schema: Decodable { var fields: [Field] }
        struct R: Decodable { var name: String; var path: String; var schema: Schema }
        struct Package: Decodable { var resources: [R] }
        guard let p = try? JSONDecoder().decode(Package.self, from: descriptor) else { throw Failure() }
        return p.resources.map { Resource(name: $0.name, path: $0.path, fields: $0.schema.fields.map(\.name)) }
    }
}

