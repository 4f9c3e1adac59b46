/// Who a service serves by where they live: one home for the rule, used by search's area
/// filter and facet counts, by matching, by evaluation and by the directory statistics.
public enum AreaRule {
    /// The five Area Forum areas a person can live in.
    public static let forum = ["bath-city", "bathavon", "keynsham", "somer-valley", "chew-valley"]
    /// Codes that serve every forum area.
    public static let everywhere = ["banes-wide", "national"]

    /// The area codes that admit someone living in `area`: the area itself, B&NES-wide and national.
    public static func accepting(_ area: String) -> [String] { [area] + everywhere }

    /// A service serves a person in `area` when it serves that area, B&NES-wide or nationally.
    /// A service that names no area has no area rule: unknown is not a restriction.
    public static func serves(_ serviceAreas: [String], _ area: String) -> Bool {
        serviceAreas.isEmpty || serviceAreas.contains { accepting(area).contains($0) }
    }

    /// The same rule over code bits: `areas` is the service's area codes, `accept` those of `accepting(area)`.
    @inline(__always)
    static func serves(areas: CodeSet, accept: CodeSet) -> Bool { areas.isEmpty || areas.intersects(accept) }

    /// A `service_areas` entry whose uri starts so names a village, town or neighbourhood the
    /// service is limited to inside its areas ("Residents of Bathford, Batheaston, St Catherine
    /// and Shockerwick"); its name is the gazetteer's name for the place.
    public static let placePrefix = "waymark:place:"

    /// The places a service is limited to, by name; empty when it names none.
    public static func servedPlaces(_ service: Service) -> [String] {
        service.serviceAreas.filter { $0.uri?.hasPrefix(placePrefix) == true }.compactMap(\.name)
    }

    /// A person whose place is known must live in one of the service's places; a service that
    /// names none, or a person whose place is not known, has no place rule (the match cautions).
    public static func servesPlace(_ places: [String], _ place: String?) -> Bool {
        guard !places.isEmpty, let place else { return true }
        let key = Gazetteer.normalise(place)
        return places.contains { Gazetteer.normalise($0) == key }
    }

    /// "Bathford, Batheaston and St Catherine".
    static func list(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }
}

/// Who a service serves by age: one home for the rule, bounds inclusive, a missing bound open.
public enum AgeRule {
    public static func admits(_ age: Int, minimum: Int?, maximum: Int?) -> Bool {
        age >= (minimum ?? Int.min) && age <= (maximum ?? Int.max)
    }

    /// The index's packed bounds (−1 and Int16.max for missing).
    @inline(__always)
    static func admits(_ age: Int, min: Int16, max: Int16) -> Bool { age >= Int(min) && age <= Int(max) }

    /// The audiences a person of this age belongs to; carers and families fit anyone.
    static func groups(age: Int) -> [String] {
        var g = ["carers", "families"]
        if age < 13 { g.append("children") }
        if (11...25).contains(age) { g.append("young-people") }
        if age >= 18 { g.append("adults") }
        if age >= 60 { g.append("older-people") }
        return g
    }

    /// A service only for children and young people is matched on a child's age: past this age
    /// the person is not the child it is for.
    static let childServiceUpTo = 25
    /// The age taken for a carer or parent who does not give theirs: an adult.
    static let assumedCarerAge = 30
}
