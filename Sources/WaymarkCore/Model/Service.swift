/// A service, modelled on HSDS-UK 3.0 `service` with its locations, schedules,
/// contacts and taxonomy terms folded in.
public struct Service: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var organisationID: String
    public var name: String
    public var description: String
    public var url: String?
    public var email: String?
    public var status: ServiceStatus
    public var alert: String?
    public var eligibility: Eligibility
    /// Free text about fees (HSDS `fees_description`, or UK `fees`).
    public var fees: String?
    public var costOptions: [CostOption]
    /// How to get this service, written as next steps (HSDS `application_process`).
    public var applicationProcess: String?
    /// When the record was last checked with the provider (HSDS `assured_date`).
    public var assuredDate: LocalDate?
    /// Kept as the source wrote it, so that a round trip gives it back unchanged.
    public var lastModified: String?
    public var locations: [ServiceAtLocation]
    public var schedules: [Schedule]
    public var phones: [Phone]
    public var contacts: [Contact]
    public var serviceAreas: [ServiceArea]
    public var terms: [TermRef]

    public init(id: String, organisationID: String, name: String, description: String = "",
                url: String? = nil, email: String? = nil, status: ServiceStatus = .active,
                alert: String? = nil, eligibility: Eligibility = Eligibility(), fees: String? = nil,
                costOptions: [CostOption] = [], applicationProcess: String? = nil,
                assuredDate: LocalDate? = nil, lastModified: String? = nil,
                locations: [ServiceAtLocation] = [], schedules: [Schedule] = [], phones: [Phone] = [],
                contacts: [Contact] = [], serviceAreas: [ServiceArea] = [], terms: [TermRef] = []) {
        self.id = id
        self.organisationID = organisationID
        self.name = name
        self.description = description
        self.url = url
        self.email = email
        self.status = status
        self.alert = alert
        self.eligibility = eligibility
        self.fees = fees
        self.costOptions = costOptions
        self.applicationProcess = applicationProcess
        self.assuredDate = assuredDate
        self.lastModified = lastModified
        self.locations = locations
        self.schedules = schedules
        self.phones = phones
        self.contacts = contacts
        self.serviceAreas = serviceAreas
        self.terms = terms
    }

    /// The codes this service carries in one Waymark vocabulary, in the order the record gives them.
    public func codes(_ vocabulary: Vocabulary) -> [String] {
        var seen = Set<String>()
        return terms.filter { $0.taxonomy == vocabulary.rawValue && seen.insert($0.code).inserted }.map(\.code)
    }

    public func has(_ code: String, in vocabulary: Vocabulary) -> Bool {
        terms.contains { $0.taxonomy == vocabulary.rawValue && $0.code == code }
    }

    /// The physical places where the service is delivered.
    public var physicalLocations: [Location] {
        locations.map(\.location).filter { $0.type == .physical }
    }

    /// The physical venue nearest `point`, its straight-line distance, and how many other
    /// venues there are; the first venue when the point is not known. Nil without a venue.
    public func nearestVenue(to point: Coordinate?) -> (location: Location, km: Double?, others: Int)? {
        let venues = physicalLocations
        guard let first = venues.first else { return nil }
        guard let point else { return (first, nil, venues.count - 1) }
        let measured = venues.map { l in (l, l.coordinate.map { point.distanceKm(to: $0) }) }
        let best = measured.min { ($0.1 ?? .infinity) < ($1.1 ?? .infinity) } ?? measured[0]
        return (best.0, best.1, venues.count - 1)
    }
}

public enum ServiceStatus: String, Codable, Sendable, CaseIterable {
    case active
    case inactive
    case defunct
    case temporarilyClosed = "temporarily closed"
}

public struct Eligibility: Codable, Equatable, Sendable {
    public var description: String?
    public var minimumAge: Int?
    public var maximumAge: Int?

    public init(description: String? = nil, minimumAge: Int? = nil, maximumAge: Int? = nil) {
        self.description = description
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
    }

    /// "Ages 18 to 64", "Ages 65 and over", "Under 19s", or nil when anyone may come.
    public var ageSummary: String? {
        switch (minimumAge, maximumAge) {
        case (nil, nil): return nil
        case (let min?, nil): return "Ages \(min) and over"
        case (nil, let max?): return "Ages up to \(max)"
        case (let min?, let max?): return min == 0 ? "Ages up to \(max)" : "Ages \(min) to \(max)"
        }
    }
}

public struct CostOption: Codable, Equatable, Sendable {
    public var id: String
    public var option: String?
    public var amount: Double?
    public var currency: String?
    public var amountDescription: String?

    public init(id: String, option: String? = nil, amount: Double? = nil, currency: String? = nil, amountDescription: String? = nil) {
        self.id = id
        self.option = option
        self.amount = amount
        self.currency = currency
        self.amountDescription = amountDescription
    }
}

public struct Phone: Codable, Equatable, Sendable {
    public var id: String
    public var number: String
    public var type: String?
    public var description: String?

    public init(id: String, number: String, type: String? = nil, description: String? = nil) {
        self.id = id
        self.number = number
        self.type = type
        self.description = description
    }
}

public struct Contact: Codable, Equatable, Sendable {
    public var id: String
    public var name: String?
    public var title: String?
    public var email: String?

    public init(id: String, name: String? = nil, title: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.title = title
        self.email = email
    }
}

extension ServiceArea {
    /// `extent_type` names the format of `extent` (geojson, topojson, kml, text). Older Waymark
    /// data put its vocabulary name ("waymark:area") there, which
    /// no reader understands; the area code itself travels in `uri` and as a term, so that
    /// value is dropped. Anything else the source gave is kept as it was.
    static func extentFormat(_ given: String?) -> String? {
        given == Vocabulary.area.rawValue ? nil : given
    }
}

/// Where a service serves, as the source describes it. Waymark's own area codes
/// travel as `waymark:area` terms; this keeps the source's wording as well.
public struct ServiceArea: Codable, Equatable, Sendable {
    public var id: String
    public var name: String?
    public var description: String?
    public var extentType: String?
    public var uri: String?

    public init(id: String, name: String? = nil, description: String? = nil, extentType: String? = nil, uri: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.extentType = extentType
        self.uri = uri
    }
}

/// A taxonomy term attached to a service through an HSDS `attribute`.
/// Terms outside Waymark's vocabularies are kept as they came.
public struct TermRef: Codable, Equatable, Sendable {
    public var attributeID: String
    public var termID: String
    public var taxonomy: String
    public var code: String
    public var name: String?

    public init(attributeID: String, termID: String, taxonomy: String, code: String, name: String? = nil) {
        self.attributeID = attributeID
        self.termID = termID
        self.taxonomy = taxonomy
        self.code = code
        self.name = name
    }
}
