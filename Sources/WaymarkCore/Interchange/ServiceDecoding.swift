import Foundation

/// Turns HSDS-UK 3.0 objects (already parsed from JSON, or assembled from CSV rows)
/// into model values, reporting every problem with its field path.
struct ServiceDecoding {
    let taxonomy: Taxonomy?

    func organisation(_ r: RecordReader) -> Organisation? {
        guard let id = r.string("id", required: true) else { return nil }
        r.checkUUID(id)
        let name = r.string("name", required: true)
        // Unlike a service's, an organisation's description is required by every official schema.
        _ = r.string("description", required: true)
        let identifiers = r.objects("organization_identifiers").compactMap { (c, i) -> OrganisationIdentifier? in
            guard let value = c.string("identifier", required: true) else { return nil }
            return OrganisationIdentifier(id: c.id(fallback: "\(id)-identifier-\(i)"), scheme: c.string("identifier_scheme") ?? "",
                                          type: c.string("identifier_type") ?? "", identifier: value)
        }
        let org = Organisation(id: id, name: name ?? "", description: r.string("description"),
                               website: r.url("website"), email: r.email("email"), identifiers: identifiers)
        _ = r.url("uri"); _ = r.url("logo")
        return name == nil ? nil : org
    }

    func service(_ r: RecordReader, organisationID parentOrganisation: String?) -> (Service, Organisation?)? {
        guard let id = r.string("id", required: true) else { return nil }
        r.checkUUID(id)
        let name = r.string("name", required: true)
        // No schema requires a description; a navigator needs one, so its absence is a warning.
        let description = r.string("description")
        if !r.has("description") { r.warning("description", "is missing; say what the service does so that navigators can judge it") }
        var status = ServiceStatus.active
        if let text = r.string("status", required: true) {
            if let s = ServiceStatus(rawValue: text.lowercased()) { status = s } else {
                r.error("status", "\"\(text)\" is not a service status; use active, inactive, defunct or temporarily closed")
            }
        }
        let minAge = r.int("minimum_age"), maxAge = r.int("maximum_age")
        if let a = minAge, let b = maxAge, a > b { r.error("minimum_age", "\(a) is above maximum_age \(b)") }
        if let a = minAge, a < 0 || a > 130 { r.error("minimum_age", "\(a) is not a plausible age") }
        if let b = maxAge, b < 0 || b > 130 { r.error("maximum_age", "\(b) is not a plausible age") }

        var organisation: Organisation?
        var organisationID = parentOrganisation
        if let o = r.object("organization"), let org = self.organisation(o) {
            organisation = org
            organisationID = org.id
        } else if let oid = r.string("organization_id") {
            organisationID = oid
        }
        if organisationID == nil { r.warning("organization", "is missing; the service is filed under \"Unknown provider\"") }

        var locations: [ServiceAtLocation] = []
        var schedules = r.objects("schedules").compactMap { schedule($0.0, fallback: "\(id)-schedule-\($0.1)") }
        var phones = r.objects("phones").compactMap { phone($0.0, fallback: "\(id)-phone-\($0.1)") }
        for (sal, i) in r.objects("service_at_locations") {
            let salID = sal.id(fallback: "\(id)-at-\(i)")
            if let l = sal.object("location"), let loc = location(l, fallback: "\(id)-location-\(i)") {
                locations.append(ServiceAtLocation(id: salID, location: loc))
            }
            schedules += sal.objects("schedules").compactMap { schedule($0.0, fallback: "\(salID)-schedule-\($0.1)") }
            phones += sal.objects("phones").compactMap { phone($0.0, fallback: "\(salID)-phone-\($0.1)") }
        }
        schedules = Self.unique(schedules, by: \.id)
        phones = Self.unique(phones, by: \.id)
        let contacts = r.objects("contacts").map { (c, i) in
            Contact(id: c.id(fallback: "\(id)-contact-\(i)"), name: c.string("name"), title: c.string("title"), email: c.email("email"))
        }
        let areas = r.objects("service_areas").map { (c, i) in
            ServiceArea(id: c.id(fallback: "\(id)-area-\(i)"), name: c.string("name") ?? c.string("service_area"),
                        description: c.string("description"), extentType: ServiceArea.extentFormat(c.string("extent_type")), uri: c.string("uri"))
        }
        let costs = r.objects("cost_options").map { (c, i) in
            CostOption(id: c.id(fallback: "\(id)-cost-\(i)"), option: c.string("option"), amount: c.double("amount"),
                       currency: c.string("currency"), amountDescription: c.string("amount_description"))
        }
        let terms = r.objects("attributes").compactMap { term($0.0, fallback: "\(id)-attribute-\($0.1)") }

        // Every field is read before deciding, so that one run reports every problem in the record.
        let url = r.url("url"), email = r.email("email"), alert = r.string("alert")
        let eligibility = Eligibility(description: r.string("eligibility_description"), minimumAge: minAge, maximumAge: maxAge)
        let fees = r.string("fees_description") ?? r.string("fees")
        let steps = r.string("application_process"), assured = r.date("assured_date"), modified = r.dateTime("last_modified")
        _ = r.email("assurer_email")
        guard let name else { return nil }
        let service = Service(
            id: id, organisationID: organisationID ?? "unknown-provider", name: name, description: description ?? "",
            url: url, email: email, status: status, alert: alert, eligibility: eligibility, fees: fees, costOptions: costs,
            applicationProcess: steps, assuredDate: assured, lastModified: modified, locations: locations,
            schedules: schedules, phones: phones, contacts: contacts, serviceAreas: areas, terms: terms)
        return (service, organisation)
    }

    /// The first of each id: a CSV row that names both a service and its service-at-location is one record.
    static func unique<T>(_ items: [T], by id: KeyPath<T, String>) -> [T] {
        var seen = Set<String>()
        return items.filter { seen.insert($0[keyPath: id]).inserted }
    }

    func location(_ r: RecordReader, fallback: String) -> Location? {
        let id = r.id(fallback: fallback)
        var type = LocationType.physical
        if let t = r.string("location_type") {
            if let known = LocationType(rawValue: t.lowercased()) { type = known } else {
                r.error("location_type", "\"\(t)\" is not a location type; use physical, virtual or postal")
            }
        }
        var lat = r.double("latitude"), lon = r.double("longitude")
        if let a = lat, !(-90...90).contains(a) {
            r.warning("latitude", "\(a) is not a latitude (it must be between -90 and 90); the point was left out")
            lat = nil; lon = nil
        }
        if let b = lon, !(-180...180).contains(b) {
            r.warning("longitude", "\(b) is not a longitude (it must be between -180 and 180); the point was left out")
            lat = nil; lon = nil
        }
        if (lat == nil) != (lon == nil) { lat = nil; lon = nil }
        let addresses = r.objects("addresses")
        let chosen = addresses.first { $0.0.string("address_type") == AddressType.physical.rawValue } ?? addresses.first
        let address = chosen.map { (a, i) -> Address in
            var type = AddressType.physical
            if let given = a.string("address_type") {
                if let known = AddressType(rawValue: given) { type = known } else {
                    let allowed = AddressType.allCases.map(\.rawValue).joined(separator: ", ")
                    a.error("address_type", "\"\(given)\" is not an address type (the schema allows \(allowed)); correct it in the source")
                }
            }
            return Address(id: a.id(fallback: "\(id)-address-\(i)"), address1: a.string("address_1"), city: a.string("city"),
                           stateProvince: Address.stateProvince(given: a.string("state_province"), postcode: a.string("postal_code"),
                                                                city: a.string("city")),
                           postcode: a.string("postal_code"),
                           country: a.string("country"), type: type)
        }
        let access = r.objects("accessibility").compactMap { (a, i) -> Accessibility? in
            guard let text = a.string("description") ?? a.string("accessibility") else { return nil }
            return Accessibility(id: a.id(fallback: "\(id)-access-\(i)"), description: text)
        }
        _ = r.url("url")
        return Location(id: id, type: type, name: r.string("name"), description: r.string("description"), address: address,
                        latitude: lat, longitude: lon, transportation: r.string("transportation"), accessibility: access)
    }

    func schedule(_ r: RecordReader, fallback: String) -> Schedule? {
        let id = r.id(fallback: fallback)
        var freq: Schedule.Frequency?
        if let f = r.string("freq") {
            freq = Schedule.Frequency(rawValue: f.uppercased())
            if freq == nil { r.error("freq", "\"\(f)\" is not a frequency Waymark understands; use WEEKLY or MONTHLY") }
        }
        var byday: [ByDay] = []
        if let text = r.string("byday") {
            if let parsed = ByDay.parseList(text) { byday = parsed } else {
                r.error("byday", "\"\(text)\" is not a list of days such as MO,TU or 1TU (first Tuesday)")
            }
        }
        var monthDays: [Int] = []
        if let text = r.string("bymonthday") {
            let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            if parts.contains(where: { $0 == nil || $0! == 0 || abs($0!) > 31 }) {
                r.error("bymonthday", "\"\(text)\" is not a list of days of the month such as 1,15")
            } else { monthDays = parts.map { $0! } }
        }
        let interval = r.int("interval")
        if let n = interval, n < 1 { r.error("interval", "\(n) must be 1 or more") }
        let from = r.date("valid_from"), to = r.date("valid_to")
        if let a = from, let b = to, a > b { r.warning("valid_to", "\(b) is before valid_from \(a); the schedule never applies") }
        return Schedule(id: id, freq: freq, interval: interval, byday: byday, bymonthday: monthDays,
                        opensAt: r.time("opens_at"), closesAt: r.time("closes_at"), validFrom: from, validTo: to,
                        dtstart: r.date("dtstart"), description: r.string("description"), notes: r.string("notes"))
    }

    /// `api_details`: what the feed says it is. Every field is required; two are URIs.
    func checkAPIDetails(_ r: RecordReader) {
        _ = r.string("version", required: true)
        _ = r.uri("profile", required: true)
        _ = r.uri("openapi_url", required: true)
    }

    func phone(_ r: RecordReader, fallback: String) -> Phone? {
        guard let number = r.string("number", required: true) else { return nil }
        return Phone(id: r.id(fallback: fallback), number: number, type: r.string("type"), description: r.string("description"))
    }

    func term(_ r: RecordReader, fallback: String) -> TermRef? {
        let attributeID = r.id(fallback: fallback)
        guard let t = r.object("taxonomy_term") else {
            if !r.has("taxonomy_term_id") { r.warning(nil, "an attribute with no taxonomy term was left out") }
            return nil
        }
        _ = t.url("term_uri")
        guard let code = t.string("code") ?? t.string("term") ?? t.string("name") else {
            t.warning(nil, "a taxonomy term with no code, term or name was left out")
            return nil
        }
        return TermRef(attributeID: attributeID, termID: t.string("id") ?? r.string("taxonomy_term_id") ?? "\(attributeID)-term",
                       taxonomy: t.string("taxonomy") ?? "", code: code, name: t.string("name"))
    }

    /// Taxonomy terms and taxonomies travel in feeds too; Waymark checks them but keeps its own vocabularies.
    func checkTaxonomyTerm(_ r: RecordReader) {
        if let id = r.string("id", required: true) { r.checkUUID(id) }
        _ = r.string("name", required: true)
        _ = r.url("term_uri")
        _ = r.url("uri")
    }
}
