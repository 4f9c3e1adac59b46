import Foundation

/// The flat service object of `--format json`: the same fields everywhere
/// (`list`, `show`, `search`, `match`), which scripts and the evaluation rely on.
/// Built as `JSONValue` (Encodable); `object` gives the Foundation form to older callers.
public enum ServiceJSON {
    public static func value(_ s: Service, organisationName: String?) -> JSONValue {
        var o: [String: JSONValue] = [
            "id": .string(s.id),
            "name": .string(s.name),
            "organization": organisationName.map(JSONValue.string) ?? .null,
            "description": .string(s.description),
            "status": .string(s.status.rawValue),
            "min_age": s.eligibility.minimumAge.map(JSONValue.int) ?? .null,
            "max_age": s.eligibility.maximumAge.map(JSONValue.int) ?? .null,
            "assured_date": s.assuredDate.map { .string($0.description) } ?? .null,
            "locations": .array(s.physicalLocations.map { l in
                .object([
                    "name": l.name.map(JSONValue.string) ?? .null,
                    "postcode": l.address?.postcode.map(JSONValue.string) ?? .null,
                    "lat": l.latitude.map(JSONValue.double) ?? .null,
                    "lon": l.longitude.map(JSONValue.double) ?? .null,
                ])
            }),
        ]
        for v in Vocabulary.allCases { o[v.jsonKey] = .array(s.codes(v).map(JSONValue.string)) }
        return .object(o)
    }

    /// The flat object with everything a navigator acts on, for `show`: phones, emails and web
    /// addresses, schedules with the next opening, eligibility in words, next steps, fees, and
    /// every location with its address.
    public static func detail(_ s: Service, organisationName: String?, now: LocalDateTime) -> JSONValue {
        guard case .object(var o) = value(s, organisationName: organisationName) else { return .null }
        func text(_ t: String?) -> JSONValue { t.map(JSONValue.string) ?? .null }
        o["phones"] = .array(s.phones.map { p in .object(["number": .string(p.number), "type": text(p.type), "description": text(p.description)]) })
        var emails: [String] = s.email.map { [$0] } ?? []
        for c in s.contacts { if let e = c.email, !emails.contains(e) { emails.append(e) } }
        o["emails"] = .array(emails.map(JSONValue.string))
        o["urls"] = .array(s.url.map { [JSONValue.string($0)] } ?? [])
        o["contacts"] = .array(s.contacts.map { c in .object(["name": text(c.name), "title": text(c.title), "email": text(c.email)]) })
        let hours = s.hours
        o["open_now"] = hours.isOpen(at: now).map(JSONValue.bool) ?? .null
        o["next_open"] = hours.nextOpening(after: now).map { .string($0.date.description + "T" + TimeOfDay(minutes: $0.minute).iso) } ?? .null
        o["opening"] = text(hours.status(at: now))
        o["schedules"] = .array(s.schedules.map { x in
            .object([
                "summary": .string(x.summary), "description": text(x.description), "notes": text(x.notes), "freq": text(x.freq?.rawValue),
                "byday": .string(x.byday.map(\.description).joined(separator: ",")), "opens_at": text(x.opensAt?.description),
                "closes_at": text(x.closesAt?.description), "valid_from": text(x.validFrom?.description), "valid_to": text(x.validTo?.description),
                "next_open": OpeningHours([x]).nextOpening(after: now).map { .string($0.date.description + "T" + TimeOfDay(minutes: $0.minute).iso) } ?? .null,
            ])
        })
        o["eligibility_description"] = text(s.eligibility.description)
        o["ages"] = text(s.eligibility.ageSummary)
        o["next_steps"] = text(s.applicationProcess)
        o["fees"] = text(s.fees)
        o["alert"] = text(s.alert)
        o["url"] = text(s.url)
        o["email"] = text(s.email)
        o["locations"] = .array(s.locations.filter { $0.location.type == .physical }.map { sal in
            let l = sal.location, a = l.address
            return .object([
                "name": text(l.name), "type": .string(l.type.rawValue), "description": text(l.description),
                "postcode": text(a?.postcode), "lat": l.latitude.map(JSONValue.double) ?? .null, "lon": l.longitude.map(JSONValue.double) ?? .null,
                "address": a.map { a in
                    .object(["address_1": text(a.address1), "city": text(a.city), "state_province": text(a.stateProvince),
                             "postal_code": text(a.postcode), "country": text(a.country), "address_type": .string(a.type.rawValue),
                             "one_line": .string(l.oneLine)])
                } ?? .null,
                "transportation": text(l.transportation),
                "accessibility": .array(l.accessibility.map { .string($0.description) }),
            ])
        })
        return .object(o)
    }

    /// How far the service's nearest located place is from `point`, in km to one decimal; nil when none is located.
    public static func distanceKm(_ s: Service, from point: Coordinate) -> Double? {
        s.physicalLocations.compactMap { $0.coordinate?.distanceKm(to: point) }.min().map { ($0 * 10).rounded() / 10 }
    }

    public static func object(_ s: Service, organisationName: String?) -> [String: Any] {
        (value(s, organisationName: organisationName).any as? [String: Any]) ?? [:]
    }

    public static func encode(_ value: Any) throws -> Data {
        if let v = value as? JSONValue { return try v.jsonData() }
        return JSONText.escaped(try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
    }
}
