/// A person, as a navigator describes them: their own words plus a few facts.
/// Nothing here is stored unless the user asks.
public struct NeedsProfile: Sendable, Equatable {
    public enum Transport: String, Sendable, CaseIterable {
        case car, bus, noCar = "no-car", housebound
    }

    public var text: String
    /// A place name, postcode district or postcode, resolved by the gazetteer.
    public var place: String?
    public var age: Int?
    /// Condition and function codes chosen explicitly.
    public var needs: [String]
    public var transport: Transport?
    public var freeOnly: Bool
    /// Phone or online help is fine.
    public var remoteOK: Bool
    public var wantsHomeVisits: Bool
    public var prefersGroup: Bool
    public var prefersOneToOne: Bool

    public init(text: String = "", place: String? = nil, age: Int? = nil, needs: [String] = [], transport: Transport? = nil,
                freeOnly: Bool = false, remoteOK: Bool = false, wantsHomeVisits: Bool = false,
                prefersGroup: Bool = false, prefersOneToOne: Bool = false) {
        self.text = text
        self.place = place
        self.age = age
        self.needs = needs
        self.transport = transport
        self.freeOnly = freeOnly
        self.remoteOK = remoteOK
        self.wantsHomeVisits = wantsHomeVisits
        self.prefersGroup = prefersGroup
        self.prefersOneToOne = prefersOneToOne
    }
}

/// One need the matcher recognised: a code, how strongly, and the words it came from.
public struct Need: Sendable, Equatable {
    public let code: String
    public let weight: Double
    /// The person's words ("keeps forgetting"), or "chosen" for an explicit code.
    public let from: String
}

/// Why a service is only nearly suitable.
public enum EligibilityRule: String, Sendable {
    case status, area, age, audience
}

public struct Suggestion: Sendable {
    public let doc: Int
    public let rank: Int
    public let score: Double
    public let distanceKm: Double?
    public let covers: [String]
    public let reasons: [String]
    public let cautions: [String]
}

public struct NearMiss: Sendable {
    public let doc: Int
    public let rule: EligibilityRule
    /// "serves Bath only", "for ages 65 and over".
    public let fails: String
    public let covers: [String]
}

public struct MatchResult: Sendable {
    public let profile: NeedsProfile
    public let area: String?
    public let point: Coordinate?
    public let placeName: String?
    public let needs: [Need]
    public let unrecognised: [String]
    /// Other things the words told us: audience, transport and cost hints.
    public let hints: [String: Double]
    public let suggestions: [Suggestion]
    public let coveringSet: [Int]
    public let unmet: [String]
    public let nearMisses: [NearMiss]
}
