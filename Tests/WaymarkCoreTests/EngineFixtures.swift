import Foundation
@testable import WaymarkCore

/// A small directory with known answers, built in code, for engine tests.
enum Tiny {
    static func term(_ v: Vocabulary, _ code: String) -> TermRef {
        TermRef(attributeID: "a-\(code)-\(UUID().uuidString.prefix(4))", termID: "\(v.rawValue):\(code)", taxonomy: v.rawValue, code: code)
    }

    static func service(_ id: String, _ name: String, org: String = "org-a", description: String = "", codes: [(Vocabulary, String)],
                        minAge: Int? = nil, maxAge: Int? = nil, status: ServiceStatus = .active, at point: Coordinate? = nil,
                        assured: String = "2026-10-01", schedules: [Schedule] = []) -> Service {
        var s = Service(id: id, organisationID: org, name: name, description: description.isEmpty ? name : description, status: status,
                        eligibility: Eligibility(description: "Anyone", minimumAge: minAge, maximumAge: maxAge),
                        assuredDate: LocalDate(iso: assured), schedules: schedules, terms: codes.map { term($0.0, $0.1) })
        if let point {
            s.locations = [ServiceAtLocation(id: "\(id)-at", location: Location(id: "\(id)-loc", name: "Hall", latitude: point.latitude, longitude: point.longitude))]
        }
        return s
    }

    static let keynsham = Coordinate(latitude: 51.414, longitude: -2.497)
    static let radstock = Coordinate(latitude: 51.291, longitude: -2.450)
    static let bath = Coordinate(latitude: 51.381, longitude: -2.359)

    static let lexicon = Lexicon(entries: [
        ("keeps forgetting", [("dementia", 0.9)]),
        ("lonely", [("social-connection", 1.0)]),
        ("caring for my husband", [("carer-support", 1.0), ("carers", 0.6)]),
        ("can't get out", [("social-connection", 0.6), ("home-visit", 0.5)]),
    ])

    static func index(_ services: [Service]) -> SearchIndex {
        SearchIndex(services: services, organisationNames: ["org-a": "Org A", "org-b": "Org B", "org-c": "Org C"],
                    taxonomy: Repo.taxonomy, lexicon: lexicon)
    }

    static func matcher(_ services: [Service]) -> Matcher {
        Matcher(index: index(services), gazetteer: Repo.gazetteer, now: at("2026-11-24", "10:00"))
    }
}
