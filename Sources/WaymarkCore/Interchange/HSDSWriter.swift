import Foundation

/// Writes the directory as Open Referral UK: a JSON page of full services, or a
/// CSV data package. What `HSDSReader` reads back from either is the same directory.
public struct HSDSWriter {
    public let taxonomy: Taxonomy?

    public init(taxonomy: Taxonomy?) { self.taxonomy = taxonomy }

    // MARK: JSON

    public func serviceObject(_ s: Service, organisation: Organisation?) -> [String: Any] {
        var o: [String: Any] = [
            "id": s.id, "name": s.name, "status": s.status.rawValue, "organization_id": s.organisationID,
        ]
        o["description"] = s.description.isEmpty ? nil : s.description
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
            var ad: [String: Any] = ["id": a.id, "address_type": a.type.rawValue]
            ad["address_1"] = a.address1; ad["city"] = a.city; ad["postal_code"] = a.postcode; ad["country"] = a.country
            ad["state_province"] = a.stateProvince
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

    /// The directory as the official tabular data package of `descriptor` (the profile's own
    /// `datapackage.json`, written out unchanged): file name → bytes. Every resource and
    /// every column the descriptor lists, in its order, with empty cells where there is no
    /// value and header-only files where Waymark has no rows; fields the profile lacks are left out.
    public func csvPackage(_ directory: Directory, descriptor: Data) throws -> [(name: String, data: Data)] {
        let resources = try CSVDescriptor.resources(descriptor)
        var tables: [String: [[String: String]]] = [:]
        func add(_ resource: String, _ row: [String: Any?]) {
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
            tables[resource, default: []].append(r)
        }
        for o in directory.organisations {
            add("organization", ["id": o.id, "name": o.name, "description": o.description, "website": o.website, "email": o.email])
            for i in o.identifiers {
                add("organization_identifier", ["id": i.id, "organization_id": o.id, "identifier_scheme": i.scheme, "identifier_type": i.type, "identifier": i.identifier])
            }
        }
        var writtenLocations = Set<String>()
        var writtenTerms = Set<String>()
        for s in directory.services {
            add("service", [
                "id": s.id, "organization_id": s.organisationID, "name": s.name, "description": s.description.isEmpty ? nil : s.description, "url": s.url,
                "email": s.email, "status": s.status.rawValue, "alert": s.alert, "eligibility_description": s.eligibility.description,
                "minimum_age": s.eligibility.minimumAge, "maximum_age": s.eligibility.maximumAge, "fees_description": s.fees,
                "application_process": s.applicationProcess, "assured_date": s.assuredDate?.description, "last_modified": s.lastModified,
            ])
            for sal in s.locations {
                add("service_at_location", ["id": sal.id, "service_id": s.id, "location_id": sal.location.id])
                let l = sal.location
                guard writtenLocations.insert(l.id).inserted else { continue }
                add("location", ["id": l.id, "location_type": l.type.rawValue, "name": l.name, "description": l.description,
                                 "transportation": l.transportation, "latitude": l.latitude, "longitude": l.longitude])
                if let a = l.address {
                    add("address", ["id": a.id, "location_id": l.id, "address_1": a.address1, "city": a.city,
                                    "postal_code": a.postcode, "country": a.country, "address_type": a.type.rawValue,
                                    "state_province": a.stateProvince])
                }
                for a in l.accessibility { add("accessibility", ["id": a.id, "location_id": l.id, "description": a.description]) }
            }
            for p in s.phones { add("phone", ["id": p.id, "service_id": s.id, "number": p.number, "type": p.type, "description": p.description]) }
            for c in s.contacts { add("contact", ["id": c.id, "service_id": s.id, "name": c.name, "title": c.title, "email": c.email]) }
            for x in s.schedules {
                var row: [String: Any?] = ["service_id": s.id]
                for (k, v) in scheduleObject(x) { row[k] = v }
                add("schedule", row)
            }
            for a in s.serviceAreas {
                add("service_area", ["id": a.id, "service_id": s.id, "name": a.name, "description": a.description, "extent_type": a.extentType, "uri": a.uri])
            }
            for c in s.costOptions {
                add("cost_option", ["id": c.id, "service_id": s.id, "option": c.option, "amount": c.amount, "currency": c.currency, "amount_description": c.amountDescription])
            }
            for t in s.terms {
                add("attribute", ["id": t.attributeID, "link_id": s.id, "link_entity": "service", "link_type": "taxonomy", "taxonomy_term_id": t.termID])
                if writtenTerms.insert(t.termID).inserted {
                    var description: String?
                    if let v = Vocabulary(rawValue: t.taxonomy) { description = taxonomy?.term(t.code, in: v)?.description }
                    // Both profiles require a term description; a term without one is described by its name.
                    // The UK package has no `code` column; its `term` carries the code instead.
                    add("taxonomy_term", ["id": t.termID, "code": t.code, "term": t.code, "name": t.name, "description": description ?? t.name, "taxonomy": t.taxonomy])
                }
            }
        }
        var files: [(String, Data)] = resources.map { r in
            (r.path, Data(CSV.write(header: r.fields, rows: tables[r.name] ?? []).utf8))
        }
        files.append(("datapackage.json", descriptor))
        return files
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

