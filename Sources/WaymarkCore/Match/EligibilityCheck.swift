import Foundation

/// The person as the hard rules see them: where they live, the age of whoever needs the help,
/// who is speaking, and the circumstances known or likely.
public struct MatchPerson: Sendable {
    public var area: String?
    public var point: Coordinate?
    public var placeName: String?
    public var age: Int?
    public var speaker: Speaker = .person
    public var speakerAge: Int?
    /// The circumstances known or likely; a code missing here is absent.
    public var circumstances: [String: Presence] = [:]
    /// Condition codes among the needs: the condition of the person who needs help.
    public var conditions: Set<String> = [] {
        didSet { conditionBits = nil }
    }
    /// `conditions` as the index's code bits, and whether every one has a bit; made once per
    /// match by `EligibilityCheck.withConditionBits`, not once per candidate.
    var conditionBits: (bits: CodeSet, allInTable: Bool)?

    public init(area: String? = nil, point: Coordinate? = nil, placeName: String? = nil, age: Int? = nil) {
        self.area = area; self.point = point; self.placeName = placeName; self.age = age
    }
}

/// Stage 2 of matching: the hard rules. A service that breaks one is never a suggestion; one
/// that breaks exactly one and meets a need is a near miss, with its rule in plain words.
/// Status, area (`AreaRule`), age (`AgeRule`), audience and required circumstances.
public struct EligibilityCheck: Sendable {
    public let index: SearchIndex
    let areaMask: CodeSet
    let audienceMask: CodeSet
    let youngMask: CodeSet
    let adultMask: CodeSet
    /// Per area code: the codes that admit someone living there (the area, B&NES-wide, national).
    let areaAccept: [String: CodeSet]
    /// Per age 0…130: the audiences a person of that age belongs to.
    let ageGroups: [CodeSet]
    /// Services for carers (audience or requirement), which may be for the speaker rather than the cared-for person.
    let carerMask: CodeSet
    /// The bits of the condition vocabulary's codes (a bit is a code in the first vocabulary that has it).
    let conditionMask: CodeSet
    /// The same for the function vocabulary.
    let functionMask: CodeSet
    /// Per service limited to named places inside its areas: those places (`AreaRule.servedPlaces`),
    /// read from the service's record the first time it is asked about. Built up front, this decoded
    /// every service of the stored index, which was most of a cold match at 100k.
    let placesCache: DocCache<[String]>
    /// The distinct lists of required `waymark:eligibility` codes, by the number the index keeps
    /// for each service (`SearchIndex.requirementListNumber`), and whether each names a rule about
    /// the service's own conditions: services share a few dozen lists, so a match judges each
    /// list once (`Bound`), not each service.
    let requirementLists: [(codes: [String], aboutCondition: Bool)]
    static let aboutCondition: Set<String> = ["diagnosed", "family-of-person-with"]

    public init(index: SearchIndex) {
        self.index = index
        placesCache = DocCache(count: index.count)
        requirementLists = index.allRequirementLists().map { ($0, $0.contains { Self.aboutCondition.contains($0) }) }
        let table = index.codeTable
        areaMask = table.set(index.taxonomy.terms(.area).map(\.code))
        audienceMask = table.set(index.taxonomy.terms(.audience).map(\.code))
        youngMask = table.set(["children", "young-people"])
        adultMask = table.set(["adults", "older-people"])
        areaAccept = Dictionary(uniqueKeysWithValues: index.taxonomy.terms(.area).map { ($0.code, table.set(AreaRule.accepting($0.code))) })
        ageGroups = (0...130).map { table.set(AgeRule.groups(age: $0)) }
        carerMask = table.set(["carers", "carers-only"])
        var conditions = CodeSet(), functions = CodeSet()
        for (bit, vocabulary) in table.vocabularies.enumerated() {
            if vocabulary == .condition { conditions.insert(bit) }
            if vocabulary == .function { functions.insert(bit) }
        }
        conditionMask = conditions
        functionMask = functions
    }

    /// The places a service is limited to, nil when it names none.
    func servedPlaces(_ doc: Int) -> [String]? {
        guard index.hasServedPlaces(doc) else { return nil }
        let places = placesCache.value(doc) { index.servedPlaces(doc) }
        return places.isEmpty ? nil : places
    }

    /// The hard rules a service breaks for this person, cheaply (no text).
    public func failedRules(_ doc: Int, for person: MatchPerson) -> [EligibilityRule] { check(doc, for: person).fails }

    /// The hard rules broken, and the circumstance verdict they were read from: the matcher
    /// scores an eligible service with that verdict, so it is worked out once per candidate.
    public func check(_ doc: Int, for person: MatchPerson) -> (fails: [EligibilityRule], verdict: CircumstanceRule.Verdict) {
        var rules = bound(to: person)
        return rules.check(doc)
    }

    /// The rules bound to one person, for the candidates of one match.
    func bound(to person: MatchPerson) -> Bound { Bound(rules: self, person: person.conditionBits == nil ? withConditionBits(person) : person) }

    /// The hard rules for one person. What depends on the person alone is worked out once: the
    /// codes that admit their area, and the verdict on each list of required circumstances. Judging every candidate's list afresh (its dictionary lookups and
    /// copies) was 70% of the hard rules in a warm match at 100,000 services (`perf`, 2026-12-07).
    struct Bound {
        let rules: EligibilityCheck
        let person: MatchPerson
        let accept: CodeSet?
        /// Per requirement list (two slots each: the service concerns their condition, or not).
        var verdicts: [CircumstanceRule.Verdict?] = []

        init(rules: EligibilityCheck, person: MatchPerson) {
            self.rules = rules; self.person = person
            accept = person.area.map { rules.areaAccept[$0] ?? rules.index.codeTable.set(AreaRule.accepting($0)) }
        }

        mutating func check(_ doc: Int) -> (fails: [EligibilityRule], verdict: CircumstanceRule.Verdict) {
            let index = rules.index
            var out: [EligibilityRule] = []
            if index.status[doc] != .active { out.append(.status) }
            let set = index.codeSets[doc]
            if let accept {
                if !AreaRule.serves(areas: CodeSet.intersection(set, rules.areaMask), accept: accept) { out.append(.area) }
                else if let places = rules.servedPlaces(doc), !AreaRule.servesPlace(places, person.placeName) { out.append(.area) }
            }
            if let age = person.age, let failed = rules.ageFailure(set, doc, age: age) {
                // A service that supports carers may be for the speaker rather than the person cared
                // for: it fits when either's age does. A speaker whose age is not given is taken to be
                // an adult, so a young carers' club is not for a husband looking after his wife.
                if person.speaker.caresForSomeone, set.intersects(rules.carerMask) {
                    if rules.ageFailure(set, doc, age: person.speakerAge ?? AgeRule.assumedCarerAge) != nil { out.append(failed) }
                } else {
                    out.append(failed)
                }
            }
            let verdict = circumstanceVerdict(doc)
            if case .excluded = verdict { out.append(.circumstance) }
            return (out, verdict)
        }

        /// The verdict on the service's required circumstances, judged once per list.
        mutating func circumstanceVerdict(_ doc: Int) -> CircumstanceRule.Verdict {
            guard let list = rules.index.requirementListNumber(doc) else { return .fits }
            let concerns = rules.requirementLists[list].aboutCondition && rules.concernsTheirCondition(doc, person)
            let slot = list * 2 + (concerns ? 1 : 0)
            if slot < verdicts.count, let known = verdicts[slot] { return known }
            let verdict = EligibilityCheck.verdict(rules.requirementLists[list].codes, person: person, concernsTheirCondition: concerns)
            if slot >= verdicts.count { verdicts += Array(repeating: nil, count: slot + 1 - verdicts.count) }
            verdicts[slot] = verdict
            return verdict
        }
    }

    /// The age rule (`AgeRule`), then the audience a person of this age belongs to.
    func ageFailure(_ set: CodeSet, _ doc: Int, age: Int) -> EligibilityRule? {
        if !AgeRule.admits(age, min: index.minAge[doc], max: index.maxAge[doc]) { return .age }
        let audience = CodeSet.intersection(set, audienceMask)
        guard !audience.isEmpty else { return nil }
        let groups = (0...130).contains(age) ? ageGroups[age] : index.codeTable.set(AgeRule.groups(age: age))
        // A service for children and their families is matched on the child's age: a parent
        // asking for a child gives the child's age, so an adult's own age rules it out.
        let forChildren = audience.intersects(youngMask) && !audience.intersects(adultMask)
        return !audience.intersects(groups) || (forChildren && age > AgeRule.childServiceUpTo) ? .audience : nil
    }

    /// The service's `waymark:eligibility` rule against this person.
    public func circumstanceVerdict(_ doc: Int, for person: MatchPerson) -> CircumstanceRule.Verdict {
        var rules = bound(to: person)
        return rules.circumstanceVerdict(doc)
    }

    /// A list of required circumstances against a person. `diagnosed` and `family-of-person-with`
    /// are about the service's own conditions: a person whose words name that condition
    /// plausibly has it (or is family of someone who does). Nothing else about the service counts.
    static func verdict(_ required: [String], person: MatchPerson, concernsTheirCondition: Bool) -> CircumstanceRule.Verdict {
        CircumstanceRule.verdict(requires: required) { code in
            switch code {
            case "diagnosed":
                guard concernsTheirCondition else { return nil }
                if person.speaker.caresForSomeone || person.speaker == .professional { return .plausible }
                return person.circumstances["diagnosed"] ?? .plausible
            case "family-of-person-with":
                guard concernsTheirCondition else { return person.circumstances[code] }
                // The person with the condition is not their own family.
                return person.speaker.caresForSomeone ? .stated : person.circumstances[code]
            default:
                return person.circumstances[code]
            }
        }
    }

    /// The person with their condition bits made, for the candidates of one match.
    public func withConditionBits(_ person: MatchPerson) -> MatchPerson {
        var p = person
        var theirs = CodeSet()
        var allInTable = true
        for code in person.conditions {
            if let bit = index.codeTable.bit(code), index.codeTable.vocabularies[bit] == .condition { theirs.insert(bit) } else { allInTable = false }
        }
        p.conditionBits = (theirs, allInTable)
        return p
    }

    /// Whether a service is about one of the person's conditions, or about no condition in
    /// particular. The code bits (and the count of need codes) decide it unless a code is outside
    /// the vocabulary (on the service, or among the person's): only then is the record decoded. Decoding every
    /// candidate that requires a diagnosis was most of a cold match at 100,000 services.
    func concernsTheirCondition(_ doc: Int, _ person: MatchPerson) -> Bool {
        let (theirs, allInTable) = person.conditionBits ?? withConditionBits(person).conditionBits!
        let its = CodeSet.intersection(index.codeSets[doc], conditionMask)
        if its.intersects(theirs) { return true }
        if allInTable, !its.isEmpty { return false }
        // No condition bit: it has no condition code at all when its count of condition and
        // function codes is all function bits (each count is at most the codes it has).
        if its.isEmpty, index.needCodeCount(doc) == CodeSet.intersection(index.codeSets[doc], functionMask).count { return true }
        let conditions = index.services[doc].codes(.condition)
        return conditions.isEmpty || conditions.contains { person.conditions.contains($0) }
    }

    /// A service limited to named places, for a person whose place is not known: they may not live there.
    public func placeCaution(_ doc: Int, for person: MatchPerson) -> String? {
        guard person.placeName == nil, let places = servedPlaces(doc) else { return nil }
        return "serves \(AreaRule.list(places)) only: ask where they live"
    }

    /// The hard rules a service breaks for this person, with the words to say so.
    public func failures(_ doc: Int, for person: MatchPerson) -> [(EligibilityRule, String)] {
        let s = index.services[doc]
        let taxonomy = index.taxonomy
        return failedRules(doc, for: person).map { rule in
            switch rule {
            case .status:
                let why = s.status == .temporarilyClosed ? "temporarily closed" : "not running at the moment"
                return (rule, s.alert.map { "\(why): \(DisplayText.line($0))" } ?? why)
            case .area:
                if let places = servedPlaces(doc), AreaRule.serves(s.codes(.area), person.area ?? "") { return (rule, "serves " + AreaRule.list(places) + " only") }
                return (rule, "serves " + s.codes(.area).map { taxonomy.label($0) }.joined(separator: " and ") + " only")
            case .age:
                return (rule, "for " + (s.eligibility.ageSummary ?? "other ages").lowercased())
            case .audience:
                return (rule, "for " + s.codes(.audience).map { taxonomy.label($0).lowercased() }.joined(separator: " and "))
            case .circumstance:
                guard case .excluded(let codes) = circumstanceVerdict(doc, for: person) else { return (rule, "for people in particular circumstances") }
                return (rule, codes.map { CircumstanceRule.plainWords($0, service: s, taxonomy: taxonomy) }.joined(separator: ", or "))
            }
        }
    }
}

/// Per service, an answer read from the index the first time it is asked for and kept: the
/// places a service is limited to. Shared by every copy of one `EligibilityCheck` (a server's matches run
/// at once, so it is locked); the table is made on first use, one word a service.
final class DocCache<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var known: [Value?] = []

    init(count: Int) { self.count = count }

    func value(_ doc: Int, _ read: () -> Value) -> Value {
        lock.lock()
        if known.isEmpty { known = Array(repeating: nil, count: count) }
        if let hit = known[doc] { lock.unlock(); return hit }
        lock.unlock()
        let answer = read()
        lock.lock(); known[doc] = answer; lock.unlock()
        return answer
    }
}

