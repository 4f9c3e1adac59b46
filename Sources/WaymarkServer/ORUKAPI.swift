import Foundation
import WaymarkCore

/// A rendered answer: JSON bytes and the time the records in it last changed.
public struct Resource: Sendable {
    public var body: Data
    public var lastModified: Date
    public var contentType = "application/json"
}

/// The collections of the API, and how each names one of its records in a message.
public enum Collection: String, CaseIterable, Sendable {
    case services, taxonomies, taxonomy_terms, organizations, service_at_locations

    var singular: String {
        switch self {
        case .services: return "service"
        case .taxonomies: return "taxonomy"
        case .taxonomy_terms: return "taxonomy term"
        case .organizations: return "organization"
        case .service_at_locations: return "service at location"
        }
    }

    /// The parameters each list takes, as `schemas/oruk-3.0/openapi.json` lists them.
    var parameters: Set<QueryParameter> {
        switch self {
        case .services: return [.search, .page, .per_page, .format, .taxonomy_term_id, .taxonomy_id, .organization_id, .modified_after, .minimal, .full]
        case .taxonomies: return [.search, .page, .per_page, .format]
        case .taxonomy_terms: return [.search, .page, .per_page, .format, .taxonomy_id, .top_only, .parent_id]
        case .organizations: return [.search, .full_service, .full, .page, .per_page, .format]
        case .service_at_locations: return [.search, .taxonomy_term_id, .taxonomy_id, .organization_id, .modified_after, .full, .page, .per_page, .format, .postcode, .proximity]
        }
    }

    func notFound(_ id: String) -> APIError {
        APIError(kind: .notFound, message: "no \(singular) has the id \"\(id)\"; /\(rawValue) lists the ids there are")
    }
}

/// The HSDS-UK 3.0 API over a `Catalogue`, with no HTTP in it: each endpoint is a function from
/// the path's id and the query to a `Resource` or an `APIError`, so that it can be tested, and
/// benchmarked, without a socket. Rendered records are kept, since the directory never changes
/// while the server runs.
public final class ORUKAPI: Sendable {
    public let catalogue: Catalogue
    /// Where clients reach the server (`--base-url`); nil: the `Host` each request was sent to.
    public let baseURL: String?
    /// The spec this API implements (the bundled copy of the official ORUK `openapi.json`).
    public let openAPI: Data?
    private let cache = RenderCache()

    public static let version = "HSDS-UK-3.0"
    public static let profile = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"

    public init(catalogue: Catalogue, baseURL: String?, openAPI: Data? = nil) {
        self.catalogue = catalogue
        self.openAPI = openAPI
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    // MARK: Endpoints

    /// `api_details`. `host` is the request's `Host`, used when no base URL was given.
    public func root(host: String?) throws -> Resource {
        struct Details: Encodable { var version: String; var profile: String; var openapi_url: String }
        let base = baseURL ?? "http://" + (host.flatMap { Self.plausibleHost($0) } ?? "127.0.0.1")
        let body = try Self.encode(Details(version: Self.version, profile: Self.profile, openapi_url: base + "/openapi.json"))
        return Resource(body: body, lastModified: catalogue.lastModified)
    }

    /// A `Host` header fit to put in a URL: name or address, optional port, nothing else.
    static func plausibleHost(_ host: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
        return !host.isEmpty && host.count <= 255 && host.allSatisfy(allowed.contains) ? host : nil
    }

    public func openAPIDocument() throws -> Resource {
        guard let openAPI else { throw APIError(kind: .notFound, message: "this server has no copy of its openapi.json") }
        return Resource(body: openAPI, lastModified: catalogue.lastModified)
    }

    public func services(_ q: ListQuery) throws -> Resource {
        let docs = try matchingServices(q)
        return try page(docs, q) { doc in
            if q.full { return try self.fullService(doc) }
            return q.minimal ? try self.minimalService(doc) : try self.flatService(doc)
        }
    }

    public func service(_ id: String) throws -> Resource {
        guard let doc = catalogue.docByServiceID[id] else { throw Collection.services.notFound(id) }
        return Resource(body: try fullService(doc), lastModified: catalogue.modified[doc] ?? catalogue.lastModified)
    }

    public func taxonomies(_ q: ListQuery) throws -> Resource {
        var items = Array(catalogue.taxonomies.indices)
        if let words = q.search.map(Self.words) {
            items = items.filter { Self.contains(words, in: [catalogue.taxonomies[$0].name, catalogue.taxonomies[$0].description]) }
        }
        return try page(items, q) { i in try self.cache.json("taxonomy/\(i)") { try Self.encode(self.catalogue.taxonomies[i]) } }
    }

    public func taxonomy(_ id: String) throws -> Resource {
        guard let i = catalogue.taxonomyByID[id.lowercased()] else { throw Collection.taxonomies.notFound(id) }
        struct Full: Encodable {
            var record: Catalogue.TaxonomyRecord
            var taxonomy_terms: [Catalogue.TermRecord]
            func encode(to encoder: Encoder) throws {
                try record.encode(to: encoder)
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(taxonomy_terms, forKey: .taxonomy_terms)
            }
            enum Key: String, CodingKey { case taxonomy_terms }
        }
        let record = catalogue.taxonomies[i]
        let body = try cache.json("taxonomy-full/\(i)") {
            try Self.encode(Full(record: record, taxonomy_terms: self.catalogue.terms.filter { $0.taxonomy_id == record.id }))
        }
        return Resource(body: body, lastModified: catalogue.lastModified)
    }

    public func taxonomyTerms(_ q: ListQuery) throws -> Resource {
        var items = Array(catalogue.terms.indices)
        if let given = q.taxonomyID {
            let id = catalogue.taxonomyID(given)
            items = items.filter { catalogue.terms[$0].taxonomy_id == id }
        }
        if q.topOnly { items = items.filter { catalogue.terms[$0].parent_id == nil } }
        if let parent = q.parentID { items = items.filter { catalogue.terms[$0].parent_id == parent } }
        if let words = q.search.map(Self.words) {
            items = items.filter { let t = catalogue.terms[$0]; return Self.contains(words, in: [t.name, t.description, t.code]) }
        }
        return try page(items, q) { i in try self.cache.json("term/\(i)") { try Self.encode(self.catalogue.terms[i]) } }
    }

    public func taxonomyTerm(_ id: String) throws -> Resource {
        guard let i = catalogue.termByID[id.lowercased()] else { throw Collection.taxonomy_terms.notFound(id) }
        return Resource(body: try cache.json("term/\(i)") { try Self.encode(self.catalogue.terms[i]) }, lastModified: catalogue.lastModified)
    }

    public func organizations(_ q: ListQuery) throws -> Resource {
        var items = Array(catalogue.organisations.indices)
        if let words = q.search.map(Self.words) {
            items = items.filter { let o = catalogue.organisations[$0]; return Self.contains(words, in: [o.name, o.description ?? ""]) }
        }
        let services: OrganisationServices = q.fullService ? .full : q.full ? .flat : .none
        return try page(items, q) { try self.organization(at: $0, services: services) }
    }

    public func organization(_ id: String, _ q: ListQuery) throws -> Resource {
        guard let org = catalogue.organisationByID[id], let i = catalogue.organisations.firstIndex(where: { $0.id == org.id }) else {
            throw Collection.organizations.notFound(id)
        }
        let docs = catalogue.servicesOfOrganisation[org.id] ?? []
        let modified = docs.compactMap { catalogue.modified[$0] }.max() ?? catalogue.lastModified
        return Resource(body: try organization(at: i, services: q.fullService ? .full : .flat), lastModified: modified)
    }

    public func serviceAtLocations(_ q: ListQuery) throws -> Resource {
        let docs = Set(try matchingServices(q))
        var items = catalogue.sites.indices.filter { docs.contains(catalogue.sites[$0].doc) }
        if let postcode = q.postcode {
            guard let place = catalogue.gazetteer.resolve(postcode), Postcode(postcode) != nil else {
                throw APIError.bad(.postcode, "\"\(postcode)\" is not a postcode Waymark knows; send a postcode or district in Bath and North East Somerset, as BA2 3AB or BA2")
            }
            if let metres = q.proximity {
                items = items.filter {
                    guard let c = catalogue.sites[$0].location.coordinate else { return false }
                    return c.distanceKm(to: place.coordinate) * 1000 <= metres
                }
            } else {
                // Coverage: the services whose service area takes in the postcode's area.
                var filters = SearchFilters()
                filters.area = place.area
                filters.statuses = Set(ServiceStatus.allCases)
                let covering = Set(catalogue.index.search("", filters: filters, limit: catalogue.index.count).hits.map(\.doc))
                items = items.filter { covering.contains(catalogue.sites[$0].doc) }
            }
        }
        return try page(items, q) { try self.site($0, full: q.full) }
    }

    public func serviceAtLocation(_ id: String) throws -> Resource {
        guard let i = catalogue.siteByID[id] else { throw Collection.service_at_locations.notFound(id) }
        let doc = catalogue.sites[i].doc
        return Resource(body: try site(i, full: true), lastModified: catalogue.modified[doc] ?? catalogue.lastModified)
    }

    // MARK: Filters

    /// The services that pass every filter given, in rank order for a search, else directory order.
    func matchingServices(_ q: ListQuery) throws -> [Int] {
        let index = catalogue.index
        var docs: [Int]
        if let search = q.search {
            var filters = SearchFilters()
            filters.statuses = Set(ServiceStatus.allCases)
            // The engine of `waymark search`, so the API and the command line find the same services.
            docs = index.search(search, filters: filters, limit: index.count).hits.map(\.doc)
        } else {
            docs = Array(0..<index.count)
        }
        if let term = q.taxonomyTermID { docs = docs.filter { catalogue.termIDs[$0].contains(term) } }
        if let given = q.taxonomyID {
            guard let id = catalogue.taxonomyID(given) else { return [] }
            docs = docs.filter { catalogue.taxonomyIDs[$0].contains(id) }
        }
        if let org = q.organizationID { docs = docs.filter { index.organisationID($0) == org } }
        if let after = q.modifiedAfter { docs = docs.filter { (catalogue.modified[$0] ?? .distantPast) >= after } }
        return docs
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    static func contains(_ words: [String], in fields: [String]) -> Bool {
        let haystack = fields.joined(separator: " ").lowercased()
        return words.allSatisfy { haystack.contains($0) }
    }

    // MARK: Rendering

    private func page(_ items: [Int], _ q: ListQuery, render: (Int) throws -> Data) throws -> Resource {
        if q.format == .ndjson {
            var out = Data()
            for i in items { out.append(try render(i)); out.append(UInt8(ascii: "\n")) }
            return Resource(body: out, lastModified: catalogue.lastModified, contentType: "application/x-ndjson")
        }
        let slice = PageSlice(total: items.count, page: q.page, perPage: q.perPage)
        let contents = try items[slice.range].map(render)
        return Resource(body: slice.json(contents: contents), lastModified: catalogue.lastModified)
    }

    /// One service as `waymark export` writes it: the writer export uses, over this service's
    /// source records, is the one home for every record's JSON.
    func serviceValue(_ doc: Int) throws -> [String: JSONValue] {
        let (s, renamed) = catalogue.published(doc)
        let writer = HSDSWriter(taxonomy: catalogue.taxonomy, sources: try catalogue.sourceRecords(for: s, renamed: renamed))
        return writer.service(s, organisation: catalogue.organisationByID[s.organisationID]).objectValue ?? [:]
    }

    func fullService(_ doc: Int) throws -> Data {
        try cache.json("service/\(doc)") { try Self.encode(JSONValue.object(try self.serviceValue(doc))) }
    }

    /// The one-to-one fields of a service, as the `/services` list gives them.
    func flatService(_ doc: Int) throws -> Data {
        try cache.json("service-flat/\(doc)") { try Self.encode(JSONValue.object(Self.oneToOne(try self.serviceValue(doc)))) }
    }

    /// A record without its lists: what a list item or an embedded parent carries.
    static func oneToOne(_ o: [String: JSONValue]) -> [String: JSONValue] {
        o.filter { if case .array = $0.value { return false } else { return true } }
    }

    /// `minimal`: the id and when it changed (with the name and status the list schema requires).
    func minimalService(_ doc: Int) throws -> Data {
        try cache.json("service-minimal/\(doc)") {
            let s = self.catalogue.services[doc]
            var o = JSONObjectBuilder(["id": .string(s.id), "name": .string(s.name), "status": .string(s.status.rawValue)])
            o.set("last_modified", s.lastModified)
            return try Self.encode(o.value)
        }
    }

    /// What an organisation's answer carries of its services.
    enum OrganisationServices: String { case none, flat, full }

    func organization(at i: Int, services: OrganisationServices) throws -> Data {
        try cache.json("organization/\(i)/\(services)") {
            let org = self.catalogue.organisations[i]
            let writer = HSDSWriter(taxonomy: self.catalogue.taxonomy, sources: try self.catalogue.sourceRecords(forOrganisation: i))
            var data = try Self.encode(writer.organisation(org))
            guard services != .none else { return data }
            let docs = self.catalogue.servicesOfOrganisation[org.id] ?? []
            let items = try docs.map { services == .full ? try self.fullService($0) : try self.flatService($0) }
            // Splice `"services":[…]` in before the closing brace.
            data.removeLast()
            data.append(contentsOf: Array(",\"services\":[".utf8))
            for (k, item) in items.enumerated() {
                if k > 0 { data.append(UInt8(ascii: ",")) }
                data.append(item)
            }
            data.append(contentsOf: Array("]}".utf8))
            return data
        }
    }

    func site(_ i: Int, full: Bool) throws -> Data {
        try cache.json("site/\(i)/\(full)") {
            let site = self.catalogue.sites[i]
            let s = self.catalogue.services[site.doc]
            var o: [String: JSONValue] = ["id": .string(site.id), "service_id": .string(s.id), "location_id": .string(site.location.id)]
            if full {
                let object = try self.serviceValue(site.doc)
                let sals = object["service_at_locations"]?.arrayValue ?? []
                o["location"] = sals.first { $0["id"]?.stringValue == site.id }?["location"]
                o["service"] = .object(Self.oneToOne(object))
            }
            return try Self.encode(JSONValue.object(o))
        }
    }

    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return JSONText.escaped(try e.encode(value))
    }
}

/// Rendered JSON by key, filled on first use. The lock guards only the dictionary; two requests
/// rendering the same record at once both render it, and the second's copy is dropped.
final class RenderCache: @unchecked Sendable {
    private var entries: [String: Data] = [:]
    private let lock = NSLock()

    func json(_ key: String, render: () throws -> Data) throws -> Data {
        lock.lock()
        let hit = entries[key]
        lock.unlock()
        if let hit { return hit }
        let data = try render()
        lock.lock()
        entries[key] = data
        lock.unlock()
        return data
    }
}
