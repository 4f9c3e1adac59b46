import Foundation

/// From a person's words and a few facts to services, along the pipeline in docs/matching.md:
/// interpret (`Interpreter`), eligibility (`EligibilityCheck`), score (`Scorer`), diversify
/// (`Diversifier`), cover (`CoveringSet`), explain (`Explainer`). This type only wires them.
public struct Matcher: Sendable {
    public let index: SearchIndex
    public let gazetteer: Gazetteer
    public let now: LocalDateTime
    public var scoring = Scoring.standard
    public let eligibility: EligibilityCheck

    let bits: Bits

    /// Functions that are a later, specialist step: services for people leaving hospital.
    static let specialistFunctions: Set<String> = ["hospital-discharge"]
    /// Words in a service's name that mean a residential or inpatient place.
    static let residentialWords = ["residential", "inpatient", "in-patient", "beds", "ward", "care home", "nursing home", "hospice in-patient", "step-down", "supported housing", "supported lodgings"]

    /// A specialist step: a specialist function (leaving hospital), or a residential or inpatient place.
    static func isSpecialist(_ s: Service) -> Bool {
        isSpecialist(name: s.name, functions: s.codes(.function))
    }

    /// The index keeps this answer for every service (`SearchIndex.isSpecialist`, worked out
    /// when the index is built), so ranking never reads a name for it.
    static func isSpecialist<C: Collection<String>>(name: String, functions: C) -> Bool {
        var name = name.lowercased()
        // Bytes, not Foundation's `contains`: through NSString that search was 39% of a cold
        // match at 100k. The words are ASCII; SpecialistWordsTests holds the byte search to
        // Foundation's answer (they could part only on a combining mark after a word's last letter).
        if name.withUTF8({ bytes in residentialBytes.contains { contains(bytes, $0) } }) { return true }
        return functions.contains { specialistFunctions.contains($0) }
    }

    static let residentialBytes = residentialWords.map { Array($0.utf8) }

    /// Whether `needle` occurs in `haystack`, byte for byte. (Glibc's `memmem` is a GNU
    /// extension that Swift's Glibc module does not export, so the search is written out.)
    /// `memchr` finds each candidate first byte and `memcmp` compares the rest.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count, let base = haystack.baseAddress else { return needle.isEmpty }
        return needle.withUnsafeBytes { n in
            var p = UnsafeRawPointer(base)
            // One past the last place the needle could start.
            let end = UnsafeRawPointer(base + (haystack.count - needle.count + 1))
            while p < end {
                guard let hit = memchr(p, Int32(first), end - p) else { return false }
                if memcmp(hit, n.baseAddress!, n.count) == 0 { return true }
                p = UnsafeRawPointer(hit) + 1
            }
            return false
        }
    }

    public typealias Person = MatchPerson
    public typealias Interpretation = Interpreter.Interpretation

    public init(index: SearchIndex, gazetteer: Gazetteer, now: LocalDateTime) {
        self.index = index
        self.gazetteer = gazetteer
        self.now = now
        eligibility = EligibilityCheck(index: index)
        bits = Bits(table: index.codeTable)
    }

    var interpreter: Interpreter { Interpreter(index: index, scoring: scoring) }

    // MARK: 1. Interpret

    public func interpret(_ p: NeedsProfile) -> Interpretation { interpreter.interpret(p) }

    /// Who needs the help: the role, the age and the circumstances, stated or read from the words.
    public func understand(_ p: NeedsProfile) -> Understanding { interpreter.understand(p) }

    /// The person the hard rules judge: place (or an area the words name), age, role, circumstances.
    public func person(_ p: NeedsProfile, hints: [String: Double] = [:], understanding: Understanding? = nil, needs: [Need] = []) -> Person {
        let u = understanding ?? understand(p)
        var person = Person(age: u.age)
        person.speaker = u.speaker
        person.speakerAge = p.speakerAge
        for c in u.circumstances { person.circumstances[c.code] = max(person.circumstances[c.code] ?? .plausible, c.presence) }
        person.conditions = Set(needs.map(\.code).filter { index.taxonomy.vocabulary(of: $0) == .condition })
        person = eligibility.withConditionBits(person)
        if let place = p.place, let m = gazetteer.resolve(place) {
            person.area = m.area
            person.point = m.coordinate
            person.placeName = m.place.name
        } else if let area = hints.filter({ AreaRule.forum.contains($0.key) }).max(by: { $0.value < $1.value })?.key {
            person.area = area
        }
        return person
    }

    // MARK: 2. Eligibility

    public func failedRules(_ doc: Int, for person: Person) -> [EligibilityRule] { eligibility.failedRules(doc, for: person) }
    public func circumstanceVerdict(_ doc: Int, for person: Person) -> CircumstanceRule.Verdict { eligibility.circumstanceVerdict(doc, for: person) }
    public func failures(_ doc: Int, for person: Person) -> [(EligibilityRule, String)] { eligibility.failures(doc, for: person) }

    /// 0 (easy) … 1 (hard): the straight-line distance to the nearest venue, weighed by how the person gets about.
    public func travelBurden(_ doc: Int, person: Person, transport: NeedsProfile.Transport?, remoteOK: Bool) -> (Double, Double?) {
        Travel.burden(index, doc, person: person, transport: transport, remoteOK: remoteOK, bits: bits)
    }

    // MARK: The pipeline

    /// Every suggestion that fits, ranked, unless `limit` caps them (the diversity rules shape the top ten);
    /// the near misses too. Only what the limit lets through is explained, so a large directory
    /// costs the ranking, not a sentence for each of its thousands of fits.
    public func match(_ p: NeedsProfile, limit: Int = .max) -> MatchResult {
        // 1. Interpret: needs, hints, who needs the help, and danger first.
        let interpreter = self.interpreter
        let interpretation = interpreter.interpret(p)
        let understanding = interpreter.understand(p)
        let safety = SafetyCheck.check(p.text, age: understanding.age)
        let needs = interpreter.needs(interpretation, understanding: understanding, safety: safety)
        let hints = interpretation.hints
        let person = person(p, hints: hints, understanding: understanding, needs: needs)

        // 2–3. Eligibility, then the score of every eligible candidate.
        let scorer = Scorer(index: index, scoring: scoring, bits: bits, profile: p, person: person,
                            needs: needs, hints: hints, relevance: interpretation.relevance, safety: safety, today: now.date)
        var eligible: [MatchCandidate] = []
        var nearMissDocs: [(doc: Int, rule: EligibilityRule, mask: Int, weight: Double)] = []
        var rules = eligibility.bound(to: person)
        for doc in scorer.candidates() {
            let (fails, verdict) = rules.check(doc)
            if !fails.isEmpty {
                let mask = scorer.meets(doc).mask
                if fails.count == 1, mask != 0 { nearMissDocs.append((doc, fails[0], mask, scorer.nearMissWeight(doc))) }
                continue
            }
            eligible.append(scorer.score(doc, verdict: verdict))
        }
        let ranked = eligible.sorted { ($0.score, $1.doc) > ($1.score, $0.doc) }

        // 4. Diversify the top ten.
        let chosen = Diversifier.arrange(ranked, needCount: needs.count, provider: { index.organisationIndex[$0] }, limit: limit)

        // 6. Explain.
        let explainer = Explainer(index: index, now: now)
        let taxonomy = index.taxonomy
        let explained = chosen.enumerated().map { (i, c) in
            // Decoded once for all that is said of it.
            let service = index.services[c.doc]
            return Suggestion(doc: c.doc, rank: i + 1, score: (c.score * 1000).rounded() / 1000, distanceKm: c.distance.map { ($0 * 10).rounded() / 10 },
                       covers: c.covered.map { needs[$0].code },
                       reasons: explainer.reasons(c.doc, service: service, covered: c.covered, needs: needs, transport: p.transport, remoteOK: scorer.remoteOK, distance: c.distance, from: person.point),
                       cautions: c.ask.map { CircumstanceRule.caution($0, service: service, taxonomy: taxonomy) }
                           + [eligibility.placeCaution(c.doc, for: person)].compactMap { $0 }
                           + explainer.cautions(c.doc, service: service, burden: c.burden, distance: c.distance, transport: p.transport))
        }

        let (suggestions, common) = Explainer.liftCommon(explained)

        // 5. Covering set over eligible services only; needs nobody eligible meets.
        let (cover, unmetNeeds) = CoveringSet.over(eligible, needCount: needs.count)
        // Near misses by how well they would meet the needs; as many as the limit, each said in words.
        let nearest = nearMissDocs.sorted { a, b in (a.weight, b.doc) > (b.weight, a.doc) }.prefix(limit)
        let nearMisses = nearest.map { m in
            NearMiss(doc: m.doc, rule: m.rule, fails: eligibility.failures(m.doc, for: person).first { $0.0 == m.rule }?.1 ?? m.rule.rawValue,
                     covers: needs.indices.filter { m.mask & (1 << $0) != 0 }.map { needs[$0].code })
        }

        var result = MatchResult(profile: p, safety: safety, understanding: understanding, area: person.area, point: person.point, placeName: person.placeName, needs: needs,
                                 unrecognised: interpretation.unrecognised, hints: hints, suggestions: suggestions,
                                 coveringSet: cover, unmet: unmetNeeds.map { needs[$0].code }, nearMisses: nearMisses)
        result.commonReasons = common
        result.eligibleCount = eligible.count
        result.nearMissCount = nearMissDocs.count
        return result
    }
}
