import Foundation
import WaymarkCore

/// The directory as the API publishes it, built once at start: the server is read-only, so every
/// lookup (by id, by term, by taxonomy) is a dictionary made here, and every answer is a pure
/// function of this value and the query.
///
/// Taxonomies and terms are published with uuid ids (HSDS says `"format": "uuid"`). A term keeps
/// the id the data gave it when that is a uuid, so a service's `taxonomy_term_id` opens at
/// `/taxonomy_terms/{id}`; otherwise, and for a taxonomy, which has no stored id, the id is
/// `StableUUID`'s, and the services are rewritten to carry it before anything is rendered.
public struct Catalogue: Sendable {
    public struct TaxonomyRecord: Encodable, Sendable {
        public var id: String
        public var name: String
        public var description: String
        public var version: String?
    }

    public struct TermRecord: Encodable, Sendable {
        public var id: String
        public var name: String
        public var description: String
        public var code: String
        public var term: String
        public var taxonomy: String
        public var taxonomy_id: String
        public var parent_id: String?
    }

    public struct SiteRecord: Sendable {
        public var id: String
        public var doc: Int
        public var location: Location
    }

    /// The engine `waymark search` uses. Opened on a database, it is the stored, memory-mapped
    /// index, so serving builds no second one; its documents are the services' positions here.
    public let index: SearchIndex
    /// The services as the directory holds them. `published(_:)` gives one with the term and
    /// attribute ids `/taxonomy_terms` serves, when it is rendered.
    public let services: [Service]
    public let taxonomy: Taxonomy
    public let gazetteer: Gazetteer
    public let organisations: [Organisation]
    public let organisationByID: [String: Organisation]
    public let servicesOfOrganisation: [String: [Int]]
    public let docByServiceID: [String: Int]
    public let taxonomies: [TaxonomyRecord]
    public let taxonomyByID: [String: Int]
    public let terms: [TermRecord]
    public let termByID: [String: Int]
    public let sites: [SiteRecord]
    public let siteByID: [String: Int]
    /// Per service: the ids of its terms and of their taxonomies.
    public let termIDs: [Set<String>]
    public let taxonomyIDs: [Set<String>]
    /// Per service: `last_modified`, parsed.
    public let modified: [Date?]
    /// The newest `last_modified` in the directory: the `Last-Modified` of every list.
    public let lastModified: Date
    /// The records as their sources wrote them, laid over the model by `HSDSWriter` as export does.
    /// They are read one answer at a time (`sourceRecords(for:renamed:)`), never all at start.
    let sources: any SourceRecordLookup
    /// The published id of each term, by `termKey(taxonomy, code)`.
    let termIDByKey: [String: String]

    /// `index`: the directory's search index when one is already open (`Workspace.searchIndex`);
    /// without one, or when its documents are not these services in this order, one is built here.
    public init(directory: Directory, taxonomy: Taxonomy, gazetteer: Gazetteer, lexicon: Lexicon, index: SearchIndex? = nil,
                sources: any SourceRecordLookup = SourceRecords(), taxonomyVersion: String? = nil, startedAt: Date = Date()) {
        // Taxonomies: the vocabularies first, then any other taxonomy named by a term in the data.
        var taxonomies: [TaxonomyRecord] = []
        var taxonomyByName: [String: String] = [:]
        func addTaxonomy(_ name: String, description: String) {
            guard taxonomyByName[name] == nil else { return }
            let id = StableUUID.taxonomy(name)
            taxonomyByName[name] = id
            taxonomies.append(TaxonomyRecord(id: id, name: name, description: description, version: taxonomyVersion))
        }
        for v in Vocabulary.allCases {
            guard let entry = taxonomy.vocabularies[v] else { continue }
            addTaxonomy(v.rawValue, description: entry.description.isEmpty ? entry.label : entry.description)
        }
        for s in directory.services {
            for t in s.terms { addTaxonomy(t.taxonomy, description: "Terms named \(t.taxonomy) in the published data.") }
        }

        // Term ids: the first uuid the data gives for (taxonomy, code), else the stable one.
        var termIDByKey: [String: String] = [:]
        let key = Self.termKey
        for s in directory.services {
            for t in s.terms where termIDByKey[key(t.taxonomy, t.code)] == nil && StableUUID.isUUID(t.termID) {
                termIDByKey[key(t.taxonomy, t.code)] = t.termID.lowercased()
            }
        }
        func termID(_ taxonomy: String, _ code: String) -> String {
            if let id = termIDByKey[key(taxonomy, code)] { return id }
            let id = StableUUID.term(code, taxonomy: taxonomy)
            termIDByKey[key(taxonomy, code)] = id
            return id
        }

        var terms: [TermRecord] = []
        var seenTerms = Set<String>()
        for v in Vocabulary.allCases {
            for t in taxonomy.terms(v) {
                let id = termID(v.rawValue, t.code)
                guard seenTerms.insert(id).inserted else { continue }
                terms.append(TermRecord(id: id, name: t.label, description: t.description.isEmpty ? t.label : t.description,
                                        code: t.code, term: t.code, taxonomy: v.rawValue, taxonomy_id: taxonomyByName[v.rawValue]!,
                                        parent_id: t.parent.map { termID(v.rawValue, $0) }))
            }
        }

        let services = directory.services
        var termIDsOfService: [Set<String>] = []
        termIDsOfService.reserveCapacity(services.count)
        for s in services {
            var ids = Set<String>()
            for t in s.terms {
                let id = termID(t.taxonomy, t.code)
                ids.insert(id)
                guard seenTerms.insert(id).inserted else { continue }
                // A term outside the vocabularies: what the data says of it. Both profiles require a
                // description; a term without one is described by its name, as the CSV export does.
                let name = t.name ?? t.code
                terms.append(TermRecord(id: id, name: name, description: name, code: t.code, term: t.code,
                                        taxonomy: t.taxonomy, taxonomy_id: taxonomyByName[t.taxonomy]!, parent_id: nil))
            }
            termIDsOfService.append(ids)
        }

        // Search reads codes and text, never term ids, so the directory's own index answers for the
        // renamed services as long as its documents are the same services in the same order.
        if let index, Self.sameDocuments(index, services) {
            self.index = index
        } else {
            self.index = SearchIndex(services: services, organisationNames: directory.organisationNames, taxonomy: taxonomy, lexicon: lexicon)
        }
        self.services = services
        self.taxonomy = taxonomy
        self.gazetteer = gazetteer
        self.organisations = directory.organisations
        self.organisationByID = Dictionary(directory.organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var servicesOfOrganisation: [String: [Int]] = [:]
        var docByServiceID: [String: Int] = [:]
        var sites: [SiteRecord] = []
        var siteByID: [String: Int] = [:]
        for (doc, s) in services.enumerated() {
            servicesOfOrganisation[s.organisationID, default: []].append(doc)
            if docByServiceID[s.id] == nil { docByServiceID[s.id] = doc }
            for sal in s.locations where siteByID[sal.id] == nil {
                siteByID[sal.id] = sites.count
                sites.append(SiteRecord(id: sal.id, doc: doc, location: sal.location))
            }
        }
        self.servicesOfOrganisation = servicesOfOrganisation
        self.docByServiceID = docByServiceID
        self.sites = sites
        self.siteByID = siteByID
        self.taxonomies = taxonomies
        self.taxonomyByID = Dictionary(taxonomies.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.terms = terms
        self.termByID = Dictionary(terms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.termIDs = termIDsOfService
        self.taxonomyIDs = services.map { Set($0.terms.compactMap { taxonomyByName[$0.taxonomy] }) }
        let modified = services.map { $0.lastModified.flatMap(Timestamp.parse) }
        self.modified = modified
        self.lastModified = modified.compactMap { $0 }.max() ?? startedAt
        self.sources = sources
        self.termIDByKey = termIDByKey
    }

    static func termKey(_ taxonomy: String, _ code: String) -> String { taxonomy + "\u{1F}" + code }

    /// Service `doc` as published, and the ids of its source record that it renames: each term's id
    /// is the catalogue's, and an attribute whose id is not a uuid gets a stable one. Worked out
    /// when the service is rendered, not for every service at start.
    public func published(_ doc: Int) -> (service: Service, renamed: [String: String]) {
        var s = services[doc]
        var renamed: [String: String] = [:]
        for j in s.terms.indices {
            let t = s.terms[j]
            let id = termIDByKey[Self.termKey(t.taxonomy, t.code)] ?? StableUUID.term(t.code, taxonomy: t.taxonomy)
            s.terms[j].termID = id
            if !StableUUID.isUUID(t.attributeID) {
                s.terms[j].attributeID = StableUUID.term(s.id + ":" + t.code, taxonomy: t.taxonomy)
            }
            if t.termID != id { renamed[t.termID] = id }
            if t.attributeID != s.terms[j].attributeID { renamed[t.attributeID] = s.terms[j].attributeID }
        }
        return (s, renamed)
    }

    /// What `HSDSWriter` lays over a published service: its source records, with the ids
    /// `published(_:)` renamed rewritten to the published ones.
    public func sourceRecords(for service: Service, renamed: [String: String]) throws -> SourceRecords {
        var records = try sources.sourceRecords(SourceRecords.keys(of: service))
        if !renamed.isEmpty, let record = records[.service, service.id] {
            records.records[.service]?[service.id] = Self.renamingAttributes(record, renamed)
        }
        return records
    }

    /// The source record of organisation `i`, if it has one.
    public func sourceRecords(forOrganisation i: Int) throws -> SourceRecords {
        try sources.sourceRecords([SourceRecords.Key(.organisation, organisations[i].id)])
    }

    /// Whether document `d` of `index` is `services[d]` for every `d`.
    static func sameDocuments(_ index: SearchIndex, _ services: [Service]) -> Bool {
        index.count == services.count && services.indices.allSatisfy { index.doc(id: services[$0].id) == $0 }
    }

    /// A service's source record with its attributes' ids (`id`, `taxonomy_term_id`, `taxonomy_term.id`)
    /// renamed to the published uuids, so a term a service shows opens at `/taxonomy_terms/{id}`.
    static func renamingAttributes(_ record: JSONValue, _ renamed: [String: String]) -> JSONValue {
        guard var o = record.objectValue, let attributes = o["attributes"]?.arrayValue else { return record }
        func rename(_ v: JSONValue?) -> JSONValue? { v?.stringValue.flatMap { renamed[$0] }.map(JSONValue.string) ?? v }
        o["attributes"] = .array(attributes.map { item in
            guard var a = item.objectValue else { return item }
            a["id"] = rename(a["id"])
            a["taxonomy_term_id"] = rename(a["taxonomy_term_id"])
            if var term = a["taxonomy_term"]?.objectValue {
                term["id"] = rename(term["id"])
                a["taxonomy_term"] = .object(term)
            }
            return .object(a)
        })
        return .object(o)
    }

    /// The taxonomy id a `taxonomy_id` parameter names: its uuid, or (for people typing) its name.
    public func taxonomyID(_ given: String) -> String? {
        if taxonomyByID[given.lowercased()] != nil { return given.lowercased() }
        return taxonomies.first { $0.name == given }?.id
    }
}

extension Catalogue {
    /// The open directory as `waymark serve` (and its bench) publishes it: with the records as their
    /// sources wrote them, so each service and organisation is what `waymark export` writes. Those
    /// records stay in the database until an answer needs them.
    ///
    /// A database is read through one snapshot, so a sync while serving changes nothing served: the
    /// stored index is taken only when it was made for the snapshot's data version.
    public init(workspace ws: Workspace) throws {
        let lexicon = try ws.fixtures.loadLexicon(compiledBeside: ws.store?.path)
        guard let store = ws.store else {
            self.init(directory: ws.directory, taxonomy: ws.taxonomy, gazetteer: ws.gazetteer, lexicon: lexicon,
                      index: try ws.searchIndex(lexicon: lexicon), sources: ws.fileSourceLookup)
            return
        }
        let snapshot = try store.snapshot()
        let index = try ws.searchIndex(lexicon: lexicon)
        let version = StoredIndex.fingerprint(dataVersion: try snapshot.dataVersion(), taxonomy: ws.taxonomy)
        self.init(directory: try snapshot.loadDirectory(), taxonomy: ws.taxonomy, gazetteer: ws.gazetteer, lexicon: lexicon,
                  index: index.image.fingerprint == version ? index : nil, sources: snapshot)
    }
}
