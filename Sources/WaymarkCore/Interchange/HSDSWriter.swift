import Foundation

/// Writes the directory as Open Referral UK: a JSON page of full services, or a
/// CSV data package. What `HSDSReader` reads back from either is the same directory.
public struct HSDSWriter {
    public let taxonomy: Taxonomy?

    public init(taxonomy: Taxonomy?) { self.taxonomy = taxonomy }

    // MARK: JSON

    public func serviceObject(_ s: Service, organisation: Organisation?) -> [String: Any] {
        var o: [String: Any] = [
            "id": s.id, "name": s.name, "description": s.description, "status": s.status.rawValue,
            "organization_id": s.organisationID,
        ]
        o["url"] = s.url
        o["email"] = s.email
        o["alert"] = s.alert
        o["eligibility_description"] = s.eligibility.description
        o["minimum_age"] = s.eligibility.minimumAge
        o["maximum_age"] = s.eligibility.maximumAge
        o["fees_description"] = s.fees
        o["application_process"] = s.applicationProcess
        o["assured_date"] = s.assuredDate?.description
        o["last_modified"] = s.lastModified
        if let organisation { o["organization"] = organisationObject(organisation) }
        o["phones"] = s.phones.map(phoneObject)
        o["contacts"] = s.contacts.map { c -> [String: Any] in
            var d: [String: Any] = ["id": c.id]
            d["name"] = c.name; d["title"] = c.title; d["email"] = c.email
            return d
        }
        o["schedules"] = s.schedules.map(scheduleObject)
        o["service_areas"] = s.serviceAreas.map { a -> [String: Any] in
            var d: [String: Any] = ["id": a.id]
            d["name"] = a.name; d["description"] = a.description; d["extent_type"] = a.extentType; d["uri"] = a.uri
            return d
        }
        o["service_at_locations"] = s.locations.map { ["id": $0.id, "location": locationObject($0.location)] }
        o["cost_options"] = s.costOptions.map { c -> [String: Any] in
            var d: [String: Any] = ["id": c.id]
            d["option"] = c.option; d["amount"] = c.amount; d["currency"] = c.currency; d["amount_description"] = c.amountDescription
            return d
        }
        o["attributes"] = s.terms.map { t -> [String: Any] in
            var term: [String: Any] = ["id": t.termID, "code": t.code, "taxonomy": t.taxonomy]
            term["name"] = t.name
            if let v = Vocabulary(rawValue: t.taxonomy), let known = taxonomy?.term(t.code, in: v) {
                term["description"] = known.description
            }
            return ["id": t.attributeID, "link_entity": "service", "link_type": "taxonomy", "taxonomy_term_id": t.termID, "taxonomy_term": term]
        }
        return o
    }

    func organisationObject(_ org: Organisation) -> [String: Any] {
        var o: [String: Any] = ["id": org.id, "name": org.name]
        o["description"] = org.description
        o["website"] = org.website
        o["email"] = org.email
        o["organization_identifiers"] = org.identifiers.map {
            ["id": $0.id, "identifier_scheme": $0.scheme, "identifier_type": $0.type, "identifier": $0.identifier]
        }
        return o
    }

    func phoneObject(_ p: Phone) -> [String: Any] {
        var d: [String: Any] = ["id": p.id, "number": p.number]
        d["type"] = p.type; d["description"] = p.description
        return d
    }

    func scheduleObject(_ s: Schedule) -> [String: Any] {
        var d: [String: Any] = ["id": s.id]
        d["freq"] = s.freq?.rawValue
        d["interval"] = s.interval
        if !s.byday.isEmpty { d["byday"] = s.byday.map(\.description).joined(separator: ",") }
        if !s.bymonthday.isEmpty { d["bymonthday"] = s.bymonthday.map(String.init).joined(separator: ",") }
        d["opens_at"] = s.opensAt?.iso
        d["closes_at"] = s.closesAt?.iso
        d["valid_from"] = s.validFrom?.description
        d["valid_to"] = s.validTo?.description
        d["dtstart"] = s.dtstart?.description
        d["description"] = s.description
        return d
    }

    func locationObject(_ l: Location) -> [String: Any] {
        var d: [String: Any] = ["id": l.id, "location_type": l.type.rawValue]
        d["name"] = l.name
        d["description"] = l.description
        d["latitude"] = l.latitude
        d["longitude"] = l.longitude
        d["transportation"] = l.transportation
        if let a = l.address {
            var ad: [String: Any] = ["id": a.id, "address_type": "physical"]
            ad["address_1"] = a.address1; ad["city"] = a.city; ad["postal_code"] = a.postcode; ad["country"] = a.country
            d["addresses"] = [ad]
        }
        d["accessibility"] = l.accessibility.map { ["id": $0.id, "description": $0.description] }
        return d
    }

    /// The directory as one HSDS page: `{"total_items": N, …, "contents": [full services]}`.
    public func page(_ directory: Directory) throws -> Data {
        let orgs = Dictionary(directory.organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let contents = directory.services.map { serviceObject($0, organisation: orgs[$0.organisationID]) }
        let n = contents.count
        let page: [String: Any] = [
            "total_items": n, "total_pages": 1, "page_number": 1, "size": n,
            "first_page": true, "last_page": true, "empty": n == 0, "contents": contents,
        ]
        return JSONText.escaped(try JSONSerialization.data(withJSONObject: page, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
    }

    // MARK: CSV

    /// The directory as a tabular data package: file name → CSV text, plus datapackage.json.
    public func csvPackage(_ directory: Directory) throws -> [(name: String, data: Data)] {
        var tables: [String: (header: [String], rows: [[String: String]])] = [:]
        func add(_ table: String, _ header: [String], _ row: [String: Any?]) {
            var r: [String: String] = [:]
            for (k, v) in row {
                guard let v else { continue }
                switch v {
                case let s as String: r[k] = s
                case let i as Int: r[k] = String(i)
                case let d as Double: r[k] = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
                default: r[k] = "\(v)"
                }
            }
            tables[table, default: (header, [])].rows.append(r)
        }
        let h = CSVPackageWriterHeaders.self
        for o in directory.organisations {
            add("organizations", h.organizations, ["id": o.id, "name": o.name, "description": o.description, "website": o.website, "email": o.email])
            for i in o.identifiers {
                add("organization_identifiers", h.organizationIdentifiers, ["id": i.id, "organization_id": o.id, "identifier_scheme": i.scheme, "identifier_type": i.type, "identifier": i.identifier])
            }
        }
        var writtenLocations = Set<String>()
        var writtenTerms = Set<String>()
        for s in directory.services {
            add("services", h.services, [
                "id": s.id, "organization_id": s.organisationID, "name": s.name, "description": s.description, "url": s.url,
                "email": s.email, "status": s.status.rawValue, "alert": s.alert, "eligibility_description": s.eligibility.description,
                "minimum_age": s.eligibility.minimumAge, "maximum_age": s.eligibility.maximumAge, "fees_description": s.fees,
                "application_process": s.applicationProcess, "assured_date": s.assuredDate?.description, "last_modified": s.lastModified,
            ])
            for sal in s.locations {
                add("service_at_location", h.serviceAtLocation, ["id": sal.id, "service_id": s.id, "location_id": sal.location.id])
                let l = sal.location
                guard writtenLocations.insert(l.id).inserted else { continue }
                add("locations", h.locations, ["id": l.id, "location_type": l.type.rawValue, "name": l.name, "description": l.description,
                                               "transportation": l.transportation, "latitude": l.latitude, "longitude": l.longitude])
                if let a = l.address {
                    add("addresses", h.addresses, ["id": a.id, "location_id": l.id, "address_1": a.address1, "city": a.city,
                                                   "postal_code": a.postcode, "country": a.country, "address_type": "physical"])
                }
                for a in l.accessibility { add("accessibility", h.accessibility, ["id": a.id, "location_id": l.id, "description": a.description]) }
            }
            for p in s.phones { add("phones", h.phones, ["id": p.id, "service_id": s.id, "number": p.number, "type": p.type, "description": p.description]) }
            for c in s.contacts { add("contacts", h.contacts, ["id": c.id, "service_id": s.id, "name": c.name, "title": c.title, "email": c.email]) }
            for x in s.schedules {
                let o = scheduleObject(x)
                var row: [String: Any?] = ["service_id": s.id]
                for (k, v) in o { row[k] = v }
                add("schedules", h.schedules, row)
            }
            for a in s.serviceAreas {
                add("service_areas", h.serviceAreas, ["id": a.id, "service_id": s.id, "name": a.name, "description": a.description, "extent_type": a.extentType, "uri": a.uri])
            }
            for c in s.costOptions {
                add("cost_options", h.costOptions, ["id": c.id, "service_id": s.id, "option": c.option, "amount": c.amount, "currency": c.currency, "amount_description": c.amountDescription])
            }
            for t in s.terms {
                add("attributes", h.attributes, ["id": t.attributeID, "link_id": s.id, "link_entity": "service", "link_type": "taxonomy", "taxonomy_term_id": t.termID])
                if writtenTerms.insert(t.termID).inserted {
                    var description: String?
                    if let v = Vocabulary(rawValue: t.taxonomy) { description = taxonomy?.term(t.code, in: v)?.description }
                    add("taxonomy_terms", h.taxonomyTerms, ["id": t.termID, "code": t.code, "name": t.name, "description": description, "taxonomy": t.taxonomy])
                }
            }
        }
        var files: [(String, Data)] = []
        var resources: [[String: Any]] = []
        for (table, header) in h.all {
            let rows = tables[table]?.rows ?? []
            let name = "\(table).csv"
            files.append((name, Data(CSV.write(header: header, rows: rows).utf8)))
            resources.append(["name": table, "path": name, "format": "csv", "mediatype": "text/csv", "profile": "tabular-data-resource",
                              "schema": ["fields": header.map { ["name": $0, "type": "string"] }]])
        }
        let package: [String: Any] = ["name": "waymark-directory", "title": "Waymark directory (HSDS-UK 3.0)",
                                      "profile": "tabular-data-package", "version": "3.0.0", "resources": resources]
        files.append(("datapackage.json", JSONText.escaped(try JSONSerialization.data(withJSONObject: package, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))))
        return files
    }
}

enum CSVPackageWriterHeaders {
    static let organizations = ["id", "name", "description", "email", "website"]
    static let organizationIdentifiers = ["id", "organization_id", "identifier_scheme", "identifier_type", "identifier"]
    static let services = ["id", "organization_id", "name", "description", "url", "email", "status", "alert", "eligibility_description",
                           "minimum_age", "maximum_age", "fees_description", "application_process", "assured_date", "last_modified"]
    static let serviceAtLocation = ["id", "service_id", "location_id"]
    static let locations = ["id", "location_type", "name", "description", "transportation", "latitude", "longitude"]
    static let addresses = ["id", "location_id", "address_1", "city", "postal_code", "country", "address_type"]
    static let accessibility = ["id", "location_id", "description"]
    static let phones = ["id", "service_id", "number", "type", "description"]
    static let contacts = ["id", "service_id", "name", "title", "email"]
    static let schedules = ["id", "service_id", "valid_from", "valid_to", "dtstart", "freq", "interval", "byday", "bymonthday",
                            "description", "opens_at", "closes_at"]
    static let serviceAreas = ["id", "service_id", "name", "description", "extent_type", "uri"]
    static let costOptions = ["id", "service_id", "option", "amount", "currency", "amount_description"]
    static let attributes = ["id", "link_id", "link_entity", "link_type", "taxonomy_term_id"]
    static let taxonomyTerms = ["id", "code", "name", "description", "taxonomy"]

    static let all: [(String, [String])] = [
        ("organizations", organizations), ("organization_identifiers", organizationIdentifiers), ("services", services),
        ("service_at_location", serviceAtLocation), ("locations", locations), ("addresses", addresses),
        ("accessibility", accessibility), ("phones", phones), ("contacts", contacts), ("schedules", schedules),
        ("service_areas", serviceAreas), ("cost_options", costOptions), ("attributes", attributes), ("taxonomy_terms", taxonomyTerms),
    ]
}
