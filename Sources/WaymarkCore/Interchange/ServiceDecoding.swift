import Foundation

/// Turns HSDS-UK 3.0 objects (already parsed from JSON, or assembled from CSV rows)
/// into model values. A record reaches here only once it has passed its official schema
/// (`ReadState.passesSchema`), which is the one home of types, required fields, formats and
/// closed lists; what is checked here is what the schemas do not say (plausible ages, days
/// Waymark can read), and those are warnings: the value is left out of Waymark's model and
/// kept in the source record for export.
struct ServiceDecoding {
    let taxonomy: Taxonomy?

    func organisation(_ r: RecordReader) -> Organisation? {
        guard let id = r.string("id") else { return nil }
        let name = r.string("name")
        let identifiers = r.objects("organization_identifiers").compactMap { (c, i) -> OrganisationIdentifier? in
            guard let value = c.string("identifier") else { return nil }
            return OrganisationIdentifier(id: c.id(fallback: "\(id)-identifier-\(i)"), scheme: c.string("identifier_scheme") ?? "",
                                          type: c.string("identifier_type") ?? "", identifier: value)
        }
        let org = Organisation(id: id, name: name ?? "", description: r.string("description"),
                               website: r.url("website"), email: r.email("email"), identifiers: identifiers)
        return name == nil ? nil : org
    }

    func service(_ r: RecordReader, organisationID parentOrganisation: String?) -> (Service, Organisation?)? {
        guard let id = r.string("id") else { return nil }
        let name = r.string("name")
        // No schema requires a description; a navigator needs one, so its absence is a warning.
        let description = r.string("description")
        if !r.has("description") { r.warning("description", "is missing; say what the service does so that navigators can judge it") }
        // The schema's closed list: exactly one of ServiceStatus's values.
        let status = r.string("status").flatMap(ServiceStatus.init(rawValue:)) ?? .active
        var minAge = r.int("minimum_age"), maxAge = r.int("maximum_age")
        if let a = minAge, a < 0 || a > Self.oldestAge {
            r.warning("minimum_age", "\(a) is not a plausible age; left out, so nobody is turned away by it"); minAge = nil
        }
        if let b = maxAge, b < 0 || b > Self.oldestAge {
            r.warning("maximum_age", "\(b) is not a plausible age; left out, so nobody is turned away by it"); maxAge = nil
        }
        if let a = minAge, let b = maxAge, a > b {
            r.warning("minimum_age", "\(a) is above maximum_age \(b), which would turn everyone away; both left out")
            minAge = nil; maxAge = nil
        }

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
        let steps = r.string("application_process"), assured = r.date("assured_date"), modified = r.string("last_modified")
        guard let name else { return nil }
        let service = Service(
            id: id, organisationID: organisationID ?? "unknown-provider", name: name, description: description ?? "",
            url: url, email: email, status: status, alert: alert, eligibility: eligibility, fees: fees, costOptions: costs,
            applicationProcess: steps, assuredDate: assured, lastModified: modified, locations: locations,
            schedules: schedules, phones: phones, contacts: contacts, serviceAreas: areas, terms: terms)
        return (service, organisation)
    }

    /// Older than anyone: an age beyond it is a typing slip, not an eligibility rule.
    static let oldestAge = 130

    /// The first of each id: a CSV row that names both a service and its service-at-location is one record.
    static func unique<T>(_ items: [T], by id: KeyPath<T, String>) -> [T] {
        var seen = Set<String>()
        return items.filter { seen.insert($0[keyPath: id]).inserted }
    }

    func location(_ r: RecordReader, fallback: String) -> Location? {
        let id = r.id(fallback: fallback)
        let type = r.string("location_type").flatMap(LocationType.init(rawValue:)) ?? .physical
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
            let type = a.string("address_type").flatMap(AddressType.init(rawValue:)) ?? .physical
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
        return Location(id: id, type: type, name: r.string("name"), description: r.string("description"), address: address,
                        latitude: lat, longitude: lon, transportation: r.string("transportation"), accessibility: access)
    }

    func schedule(_ r: RecordReader, fallback: String) -> Schedule? {
        let id = r.id(fallback: fallback)
        // The schema's closed list (WEEKLY, MONTHLY).
        let freq = r.string("freq").flatMap(Schedule.Frequency.init(rawValue:))
        // The schemas type byday, bymonthday and interval loosely; a schedule Waymark cannot read is
        // left out of the opening hours (shown wrongly would be worse than not shown) and kept for export.
        let unreadable = "; Waymark cannot show this schedule's hours, so it is left out of them (kept for export)"
        var byday: [ByDay] = []
        if let text = r.string("byday") {
            guard let parsed = ByDay.parseList(text) else {
                r.warning("byday", "\"\(text)\" is not a list of days such as MO,TU or 1TU (first Tuesday)" + unreadable)
                return nil
            }
            byday = parsed
        }
        var monthDays: [Int] = []
        if let text = r.string("bymonthday") {
            let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            if parts.contains(where: { $0 == nil || $0! == 0 || abs($0!) > 31 }) {
                r.warning("bymonthday", "\"\(text)\" is not a list of days of the month such as 1,15" + unreadable)
                return nil
            }
            monthDays = parts.map { $0! }
        }
        let interval = r.int("interval")
        if let n = interval, n < 1 {
            r.warning("interval", "\(n) is not a number of weeks or months (1 or more)" + unreadable)
            return nil
        }
        let from = r.date("valid_from"), to = r.date("valid_to")
        if let a = from, let b = to, a > b { r.warning("valid_to", "\(b) is before valid_from \(a); the schedule never applies") }
        return Schedule(id: id, freq: freq, interval: interval, byday: byday, bymonthday: monthDays,
                        opensAt: r.time("opens_at"), closesAt: r.time("closes_at"), validFrom: from, validTo: to,
                        dtstart: r.date("dtstart"), description: r.string("description"), notes: r.string("notes"))
    }

    func phone(_ r: RecordReader, fallback: String) -> Phone? {
        guard let number = r.string("number") else {
            // HSDS 3.0 requires a number; the UK profile does not, and a phone without one is no use.
            if !r.has("number") { r.warning(nil, "a phone with no number was left out of Waymark's view (kept for export)") }
            return nil
        }
        return Phone(id: r.id(fallback: fallback), number: number, type: r.string("type"), description: r.string("description"))
    }

    func term(_ r: RecordReader, fallback: String) -> TermRef? {
        let attributeID = r.id(fallback: fallback)
        guard let t = r.object("taxonomy_term") else {
            if !r.has("taxonomy_term_id") { r.warning(nil, "an attribute with no taxonomy term was left out") }
            return nil
        }
        guard let code = t.string("code") ?? t.string("term") ?? t.string("name") else {
            t.warning(nil, "a taxonomy term with no code, term or name was left out")
            return nil
        }
        return TermRef(attributeID: attributeID, termID: t.string("id") ?? r.string("taxonomy_term_id") ?? "\(attributeID)-term",
                       taxonomy: t.string("taxonomy") ?? "", code: code, name: t.string("name"))
    }
}
