/// A service delivered at a location (HSDS `service_at_location`).
public struct ServiceAtLocation: Codable, Equatable, Sendable {
    public var id: String
    public var location: Location

    public init(id: String, location: Location) {
        self.id = id
        self.location = location
    }
}

public struct Location: Codable, Equatable, Sendable {
    public var id: String
    public var type: LocationType
    public var name: String?
    public var description: String?
    public var address: Address?
    public var latitude: Double?
    public var longitude: Double?
    public var transportation: String?
    public var accessibility: [Accessibility]

    public init(id: String, type: LocationType = .physical, name: String? = nil, description: String? = nil,
                address: Address? = nil, latitude: Double? = nil, longitude: Double? = nil,
                transportation: String? = nil, accessibility: [Accessibility] = []) {
        self.id = id
        self.type = type
        self.name = name
        self.description = description
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.transportation = transportation
        self.accessibility = accessibility
    }

    public var coordinate: Coordinate? {
        guard let latitude, let longitude else { return nil }
        return Coordinate(latitude: latitude, longitude: longitude)
    }

    /// "Hub, 4 Example Row, Bath BA1 1AB", skipping what is missing.
    public var oneLine: String {
        let town: String = [address?.city, address?.postcode].compactMap { $0 }.joined(separator: " ")
        let parts: [String?] = [name, address?.address1, town]
        return parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

public enum LocationType: String, Codable, Sendable {
    case physical, virtual, postal
}

public struct Address: Codable, Equatable, Sendable {
    public var id: String
    public var address1: String?
    public var city: String?
    /// HSDS `state_province` as the source gave it; the writer falls back to the county.
    public var stateProvince: String?
    public var postcode: String?
    public var country: String?
    public var type: AddressType

    public init(id: String, address1: String? = nil, city: String? = nil, stateProvince: String? = nil, postcode: String? = nil,
                country: String? = nil, type: AddressType = .physical) {
        self.id = id
        self.address1 = address1
        self.city = city
        self.stateProvince = stateProvince
        self.postcode = postcode
        self.country = country
        self.type = type
    }

    enum CodingKeys: String, CodingKey { case id, address1, city, stateProvince, postcode, country, type }

    /// Tolerates the older form, written before the state and type were kept.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), address1: try c.decodeIfPresent(String.self, forKey: .address1),
                  city: try c.decodeIfPresent(String.self, forKey: .city),
                  stateProvince: try c.decodeIfPresent(String.self, forKey: .stateProvince),
                  postcode: try c.decodeIfPresent(String.self, forKey: .postcode),
                  country: try c.decodeIfPresent(String.self, forKey: .country),
                  type: try c.decodeIfPresent(AddressType.self, forKey: .type) ?? .physical)
    }
}

extension Address {
    /// `state_province` as the source gave it, else the postcode's county, else the town:
    /// the UK profile requires one on every address, so it is settled once, on import.
    static func stateProvince(given: String?, postcode: String?, city: String?) -> String? {
        given ?? postcode.flatMap(County.forPostcode) ?? city
    }
}

/// HSDS `address_type`: the schemas' closed set.
public enum AddressType: String, Codable, Sendable, CaseIterable {
    case physical, postal, virtual
}

public struct Accessibility: Codable, Equatable, Sendable {
    public var id: String
    public var description: String

    public init(id: String, description: String) {
        self.id = id
        self.description = description
    }
}

public struct Coordinate: Codable, Equatable, Sendable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Great-circle distance in kilometres.
    public func distanceKm(to other: Coordinate) -> Double {
        let r = 6371.0
        let dLat = (other.latitude - latitude) * .pi / 180
        let dLon = (other.longitude - longitude) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2)
            + cos(latitude * .pi / 180) * cos(other.latitude * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, a.squareRoot()))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
