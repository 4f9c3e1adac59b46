import Foundation

/// The flat service object of `--format json`: the same fields everywhere
/// (`list`, `show`, `search`, `match`), which scripts and the evaluation rely on.
public enum ServiceJSON {
    public static func object(_ s: Service, organisationName: String?) -> [String: Any] {
        var o: [String: Any] = [
            "id": s.id,
            "name": s.name,
            "organization": organisationName ?? NSNull(),
            "description": s.description,
            "status": s.status.rawValue,
            "min_age": s.eligibility.minimumAge.map { $0 as Any } ?? NSNull(),
            "max_age": s.eligibility.maximumAge.map { $0 as Any } ?? NSNull(),
            "assured_date": s.assuredDate.map { $0.description as Any } ?? NSNull(),
            "locations": s.physicalLocations.map { l -> [String: Any] in
                [
                    "name": l.name.map { $0 as Any } ?? NSNull(),
                    "postcode": l.address?.postcode.map { $0 as Any } ?? NSNull(),
                    "lat": l.latitude.map { $0 as Any } ?? NSNull(),
                    "lon": l.longitude.map { $0 as Any } ?? NSNull(),
                ]
            },
        ]
        for v in Vocabulary.allCases { o[v.jsonKey] = s.codes(v) }
        return o
    }

    public static func encode(_ value: Any) throws -> Data {
        JSONText.escaped(try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
    }
}
