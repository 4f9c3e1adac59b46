import Foundation

/// A town, village or Bath neighbourhood from `Fixtures/gazetteer.json`.
public struct Place: Codable, Equatable, Sendable {
    public var name: String
    public var alternatives: [String]
    public var kind: String
    public var area: String
    public var lat: Double
    public var lon: Double
    public var postcodeDistricts: [String]
    public var postcodeSectors: [String]

    enum CodingKeys: String, CodingKey {
        case name, alternatives, kind, area, lat, lon
        case postcodeDistricts = "postcode_districts"
        case postcodeSectors = "postcode_sectors"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        alternatives = try c.decodeIfPresent([String].self, forKey: .alternatives) ?? []
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? "place"
        area = try c.decode(String.self, forKey: .area)
        lat = try c.decode(Double.self, forKey: .lat)
        lon = try c.decode(Double.self, forKey: .lon)
        postcodeDistricts = try c.decodeIfPresent([String].self, forKey: .postcodeDistricts) ?? []
        postcodeSectors = try c.decodeIfPresent([String].self, forKey: .postcodeSectors) ?? []
    }

    public init(name: String, alternatives: [String] = [], kind: String = "village", area: String, lat: Double, lon: Double,
                postcodeDistricts: [String] = [], postcodeSectors: [String] = []) {
        self.name = name
        self.alternatives = alternatives
        self.kind = kind
        self.area = area
        self.lat = lat
        self.lon = lon
        self.postcodeDistricts = postcodeDistricts
        self.postcodeSectors = postcodeSectors
    }

    public var coordinate: Coordinate { Coordinate(latitude: lat, longitude: lon) }
}

/// What a lookup found: the place, its area and point, and how it was matched.
public struct PlaceMatch: Equatable, Sendable {
    public enum How: String, Sendable {
        case name, alternative, postcodeSector = "postcode sector", postcodeDistrict = "postcode district", prefix, typo
    }
    public var place: Place
    public var how: How
    /// For a postcode that spans several areas: the other areas it may be in.
    public var alsoPossible: [String]

    public var area: String { place.area }
    public var coordinate: Coordinate { place.coordinate }
}

/// Turns what a user types (`chew magna`, `Midsomer Norton`, `BS31`, a full postcode)
/// into places, forgiving one wrong letter.
public struct Gazetteer: Sendable {
    public let places: [Place]
    private let keys: [(key: String, index: Int, alternative: Bool)]

    public init(places: [Place]) {
        self.places = places
        var keys: [(String, Int, Bool)] = []
        for (i, p) in places.enumerated() {
            keys.append((Gazetteer.normalise(p.name), i, false))
            for alt in p.alternatives { keys.append((Gazetteer.normalise(alt), i, true)) }
        }
        self.keys = keys
    }

    public init(data: Data) throws {
        struct File: Decodable { var places: [Place] }
        self.init(places: try JSONDecoder().decode(File.self, from: data).places)
    }

    /// The best matches for `query`, best first. Empty when nothing fits.
    public func lookup(_ query: String, limit: Int = 8) -> [PlaceMatch] {
        let raw = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !raw.isEmpty else { return [] }
        if let postcode = Postcode(raw) { return lookup(postcode) }
        let q = Gazetteer.normalise(raw)
        guard !q.isEmpty else { return [] }

        var results: [(rank: Int, match: PlaceMatch)] = []
        var seen = Set<Int>()
        func add(_ index: Int, _ how: PlaceMatch.How, rank: Int) {
            guard seen.insert(index).inserted else { return }
            results.append((rank, PlaceMatch(place: places[index], how: how, alsoPossible: [])))
        }
        for k in keys where k.key == q { add(k.index, k.alternative ? .alternative : .name, rank: k.alternative ? 1 : 0) }
        for k in keys where k.key.hasPrefix(q) { add(k.index, .prefix, rank: 2 + k.key.count) }
        if q.count >= 3 {
            let allowed = q.count >= 9 ? 2 : 1
            for k in keys {
                let d = EditDistance.damerau(q, k.key, limit: allowed)
                if d <= allowed { add(k.index, .typo, rank: 100 + d * 10) }
            }
        }
        return results.sorted { $0.rank < $1.rank }.prefix(limit).map(\.match)
    }

    /// The single best match, or nil.
    public func resolve(_ query: String) -> PlaceMatch? { lookup(query, limit: 1).first }

    private func lookup(_ postcode: Postcode) -> [PlaceMatch] {
        var hits = places.filter { $0.postcodeSectors.contains(postcode.sector ?? "") }
        var how = PlaceMatch.How.postcodeSector
        if hits.isEmpty {
            hits = places.filter { $0.postcodeDistricts.contains(postcode.district) }
            how = .postcodeDistrict
        }
        guard !hits.isEmpty else { return [] }
        // The area most of the district's places lie in; a town stands for its district before a hamlet does.
        var counts: [String: Int] = [:]
        for p in hits { counts[p.area, default: 0] += 1 }
        let areas = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        let kindRank = ["city": 0, "town": 1, "neighbourhood": 2, "village": 3, "hamlet": 4]
        let best = hits.filter { $0.area == areas[0] }
            .min { (kindRank[$0.kind] ?? 5, $0.name) < (kindRank[$1.kind] ?? 5, $1.name) }!
        return [PlaceMatch(place: best, how: how, alsoPossible: Array(areas.dropFirst()))]
    }

    /// Lower case, accents folded, punctuation to spaces, "saint" as "st".
    public static func normalise(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var out = ""
        var space = false
        for ch in folded {
            if ch.isLetter || ch.isNumber {
                if space, !out.isEmpty { out.append(" ") }
                space = false
                out.append(ch)
            } else if ch != "'" && ch != "’" {
                space = true
            }
        }
        return out.split(separator: " ").map { $0 == "saint" ? "st" : String($0) }.joined(separator: " ")
    }
}

/// A UK postcode or postcode district as typed: "BA2 8AB", "ba28ab", "BS31", "BA2 8".
public struct Postcode: Equatable, Sendable {
    public var district: String
    public var sector: String?
    public var full: String?

    public init?(_ text: String) {
        let compact = text.uppercased().filter { !$0.isWhitespace }
        let chars = Array(compact)
        func isDistrict(_ s: String) -> Bool {
            s.range(of: #"^[A-Z]{1,2}[0-9][A-Z0-9]?$"#, options: .regularExpression) != nil
        }
        // A sector: district + one digit, written with a space ("BA2 8").
        let parts = text.uppercased().split(separator: " ")
        if parts.count == 2, isDistrict(String(parts[0])), parts[1].count == 1, parts[1].first!.isNumber {
            district = String(parts[0])
            sector = "\(parts[0]) \(parts[1])"
            return
        }
        if isDistrict(compact) {
            district = compact
            return
        }
        // Full postcode: the inward code is always digit + two letters.
        if chars.count >= 5, chars.count <= 7,
           String(chars.suffix(3)).range(of: #"^[0-9][A-Z]{2}$"#, options: .regularExpression) != nil,
           isDistrict(String(chars.dropLast(3))) {
            district = String(chars.dropLast(3))
            sector = district + " " + String(chars[chars.count - 3])
            full = district + " " + String(chars.suffix(3))
            return
        }
        return nil
    }
}

/// Edit distances for forgiving input.
public enum EditDistance {
    /// Optimal-string-alignment distance (a swap of two neighbours counts as one), stopping early past `limit`.
    public static func damerau(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let x = Array(a.unicodeScalars).map(\.value), y = Array(b.unicodeScalars).map(\.value)
        return x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in damerau(xb, yb, limit: limit) } }
    }

    /// The same over code units, without allocating per pair beyond three small rows.
    public static func damerau<T: Equatable>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>, limit: Int = .max) -> Int {
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        let width = y.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: width * 3) { rows in
            var prev2 = 0, prev = width, cur = 2 * width
            for j in 0...y.count { rows[prev + j] = j; rows[prev2 + j] = 0 }
            for i in 1...x.count {
                rows[cur] = i
                var rowMin = i
                for j in 1...y.count {
                    let cost = x[i - 1] == y[j - 1] ? 0 : 1
                    var v = min(rows[prev + j] + 1, rows[cur + j - 1] + 1, rows[prev + j - 1] + cost)
                    if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { v = min(v, rows[prev2 + j - 2] + 1) }
                    rows[cur + j] = v
                    rowMin = min(rowMin, v)
                }
                if rowMin > limit { return limit + 1 }
                (prev2, prev, cur) = (prev, cur, prev2)
            }
            return rows[prev + y.count]
        }
    }
}
