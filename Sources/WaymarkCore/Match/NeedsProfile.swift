/// A person, as a navigator describes them: their own words plus a few facts.
/// Nothing here is stored unless the user asks.
public struct NeedsProfile: Sendable, Equatable {
    public enum Transport: String, Sendable, CaseIterable {
        case car, bus, noCar = "no-car", housebound
    }

    public var text: String
    /// A place name, postcode district or postcode, resolved by the gazetteer.
    public var place: String?
    /// The age of the person who needs the help (a parent's child, a carer's mother), not the speaker's.
    public var age: Int?
    /// Who is speaking, when the navigator says; nil lets the words decide.
    public var speaker: Speaker?
    /// The speaker's own age, when it matters for services that support carers.
    public var speakerAge: Int?
    /// `waymark:eligibility` codes stated to be true of the person ("leaving-prison").
    public var circumstances: [String]
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
                prefersGroup: Bool = false, prefersOneToOne: Bool = false,
                speaker: Speaker? = nil, speakerAge: Int? = nil, circumstances: [String] = []) {
        self.text = text
        self.speaker = speaker
        self.speakerAge = speakerAge
        self.circumstances = circumstances
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
    public let from: NeedSource
}

/// Where a need came from.
public enum NeedSource: Sendable, Equatable {
    /// Chosen explicitly (`--need`).
    case chosen
    /// The person's words ("keeps forgetting").
    case words(String)
    /// What the best text matches share: a hint, said as "perhaps".
    case inferred
    /// Who is speaking: a carer also gets services that support carers.
    case speaker(Speaker)
    /// Words that raised a safety notice: crisis help comes first.
    case safety(String)

    /// The JSON form: the words themselves, or a fixed name.
    public var json: String {
        switch self {
        case .chosen: return "chosen"
        case .words(let w): return w
        case .inferred: return "inferred"
        case .speaker: return "speaker"
        case .safety(let w): return w
        }
    }
}

/// Who needs the help, as the matcher understood it: shown in "understood", where it can be corrected.
public struct Understanding: Sendable {
    public let speaker: Speaker
    /// The words that showed the role; nil when stated or by default.
    public let speakerWords: String?
    public let age: Int?
    /// Circumstance codes with how sure, and the words (nil when stated with --circumstance).
    public let circumstances: [(code: String, presence: Presence, words: String?)]
}

/// Why a service is only nearly suitable.
public enum EligibilityRule: String, Sendable {
    case status, area, age, audience
    /// A circumstance the service requires (`waymark:eligibility`).
    case circumstance
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
    /// Shown before anything else when the words show danger.
    public let safety: SafetyNotice?
    public let understanding: Understanding
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
    /// The near misses, best first, as many as the match's `limit`.
    public let nearMisses: [NearMiss]
    /// Every service that fits, and every near miss, however many the limit let through.
    public var eligibleCount = 0
    public var nearMissCount = 0
    /// Reasons true of every suggestion shown ("free"): said once in "understood", not on each row.
    public var commonReasons: [String] = []
}
