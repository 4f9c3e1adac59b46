import Foundation

/// From a person's words and a few facts to services: interpret, filter by hard
/// eligibility, score (need, text, travel, hours, cost, freshness), diversify,
/// find the smallest covering set, and name unmet needs.
public struct Matcher: Sendable {
    public let index: SearchIndex
    public let gazetteer: Gazetteer
    public let now: LocalDateTime

    let bits: Bits
    let areaMask: CodeSet
    let audienceMask: CodeSet
    let youngMask: CodeSet
    let adultMask: CodeSet
    /// Per area code: the codes that admit someone living there (the area, B&NES-wide, national).
    let areaAccept: [String: CodeSet]
    /// Per age 0…130: the audiences a person of that age belongs to.
    let ageGroups: [CodeSet]
    /// Per service: the `waymark:eligibility` circumstances it requires (usually none).
    let requirements: [[String]]
    /// Per service: its condition and function codes, for specificity.
    let needCodeCounts: [Int]
    /// Services for carers (audience or requirement), checked against the speaker's age rather than the cared-for person's.
    let carerMask: CodeSet
    public var scoring = Scoring.standard

    public init(index: SearchIndex, gazetteer: Gazetteer, now: LocalDateTime) {
        self.index = index
        self.gazetteer = gazetteer
        self.now = now
        bits = Bits(table: index.codeTable)
        areaMask = Bits.mask(.area, index.codeTable, index.taxonomy)
        audienceMask = Bits.mask(.audience, index.codeTable, index.taxonomy)
        youngMask = index.codeTable.set(["children", "young-people"])
        adultMask = index.codeTable.set(["adults", "older-people"])
        areaAccept = Dictionary(uniqueKeysWithValues: index.taxonomy.terms(.area).map {
            ($0.code, index.codeTable.set([$0.code, "banes-wide", "national"]))
        })
        ageGroups = (0...130).map { Matcher.groups(age: $0, table: index.codeTable) }
        requirements = index.services.map { $0.codes(.eligibility) }
        needCodeCounts = index.services.map { $0.codes(.condition).count + $0.codes(.function).count }
        carerMask = index.codeTable.set(["carers", "carers-only"])
    }

    static let needVocabularies: Set<Vocabulary> = [.condition, .function]
    /// Lexicon codes weaker than this are hints, not needs.
    static let needThreshold = 0.4
    /// Needs the directory suggests beside the lexicon's count for less: a hint, not a claim.
    static let inferredWeight = 0.3
    static let otherConditionPenalty = 0.05

    /// The conditions whose crisis services fit each kind of danger best.
    static let crisisConditions: [SafetyKind: [String]] = [
        .suicide: ["mental-health-severe"], .selfHarm: ["mental-health-severe"],
        .overdose: ["mental-health-severe"], .domesticAbuse: ["domestic-abuse"],
    ]
    static let forum = ["bath-city", "bathavon", "keynsham", "somer-valley", "chew-valley"]

    // MARK: 1. Interpret

    public struct Interpretation {
        public var needs: [Need]
        public var hints: [String: Double]
        public var contentWords: [String]
        public var unrecognised: [String]
        /// BM25 relevance of every service to the content words, reused by scoring.
        public var relevance: Accumulator
    }

    public func interpret(_ p: NeedsProfile) -> Interpretation {
        let taxonomy = index.taxonomy
        let words = index.normaliser.words(p.text)
        let hits = index.lexicon.find(in: words)
        var best: [String: (Double, NeedSource)] = [:]
        var hints: [String: Double] = [:]
        var consumed = Set<Int>()
        for hit in hits {
            consumed.formUnion(hit.range)
            for (code, w) in hit.codes {
                guard let v = taxonomy.vocabulary(of: code) else { continue }
                if Matcher.needVocabularies.contains(v) {
                    if w > (best[code]?.0 ?? 0) { best[code] = (w, .words(hit.words)) }
                } else {
                    hints[code] = max(hints[code] ?? 0, w)
                }
            }
        }
        for code in p.needs where taxonomy.vocabulary(of: code) != nil { best[code] = (1.0, .chosen) }
        var content: [String] = []
        var unrecognised: [String] = []
        for (i, w) in words.enumerated() where !StopWords.contains(w) && w.count > 1 {
            if index.knows(w) { content.append(w) }
            else if !consumed.contains(i), w.rangeOfCharacter(from: .decimalDigits) == nil { unrecognised.append(w) }
        }
        // The directory itself says what the words are about: the codes most of the best text
        // matches share become needs too (pseudo-relevance feedback), more tentatively than the lexicon's.
        let scores = index.relevance(words: content)
        if !content.isEmpty {
            let top = TopK.select(scores.touched.map(Int.init), limit: 10) { scores.score[$0] > scores.score[$1] || (scores.score[$0] == scores.score[$1] && $0 < $1) }
            var votes: [String: Double] = [:]
            var total = 0.0
            for d in top {
                let w = Double(scores.score[d])
                total += w
                for code in index.services[d].codes(.condition) + index.services[d].codes(.function) { votes[code, default: 0] += w }
            }
            let lexiconFound = !best.isEmpty
            let inferred = votes.filter { total > 0 && $0.value / total >= 0.5 && best[$0.key] == nil }
                .sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(lexiconFound ? 2 : 3)
            for (code, _) in inferred { best[code] = (lexiconFound ? Matcher.inferredWeight : 0.6, .inferred) }
        }
        var needs = best.filter { $0.value.0 >= Matcher.needThreshold || $0.value.1 == .inferred }.map { Need(code: $0.key, weight: $0.value.0, from: $0.value.1) }
        needs.sort { ($0.weight, $1.code) > ($1.weight, $0.code) }
        // A parent and its child both recognised ("carer" and "a break"): keep both; they are different asks.
        return Interpretation(needs: Array(needs.prefix(Scoring.maxNeeds)), hints: hints, contentWords: content, unrecognised: unrecognised, relevance: scores)
    }

    // MARK: 2. Eligibility

    public struct Person: Sendable {
        public var area: String?
        public var point: Coordinate?
        public var placeName: String?
        public var age: Int?
        public var speaker: Speaker = .person
        public var speakerAge: Int?
        /// The circumstances known or likely; a code missing here is absent.
        public var circumstances: [String: Presence] = [:]
        /// Condition codes among the needs: the condition of the person who needs help.
        public var conditions: Set<String> = []

        public init(area: String? = nil, point: Coordinate? = nil, placeName: String? = nil, age: Int? = nil) {
            self.area = area; self.point = point; self.placeName = placeName; self.age = age
        }
    }

    /// Who needs the help: the role, the age and the circumstances, stated or read from the words.
    public func understand(_ p: NeedsProfile) -> Understanding {
        let detected = WhoReader.speaker(in: p.text)
        let speaker = p.speaker ?? detected?.0 ?? .person
        var list: [(code: String, presence: Presence, words: String?)] = []
        for code in p.circumstances { list.append((code, .stated, nil)) }
        let stated = Set(p.circumstances)
        for (code, (presence, words)) in WhoReader.circumstances(in: p.text).sorted(by: { $0.key < $1.key }) where !stated.contains(code) {
            list.append((code, presence, words))
        }
        if speaker.caresForSomeone, !stated.contains("carers-only"), !list.contains(where: { $0.code == "carers-only" }) {
            list.append(("carers-only", .stated, p.speaker == nil ? detected?.1 : nil))
        }
        return Understanding(speaker: speaker, speakerWords: p.speaker == nil ? detected?.1 : nil,
                             age: p.age ?? WhoReader.age(in: p.text), circumstances: list)
    }

    public func person(_ p: NeedsProfile, hints: [String: Double] = [:], understanding: Understanding? = nil, needs: [Need] = []) -> Person {
        let u = understanding ?? understand(p)
        var person = Person(age: u.age)
        person.speaker = u.speaker
        person.speakerAge = p.speakerAge
        for c in u.circumstances { person.circumstances[c.code] = max(person.circumstances[c.code] ?? .plausible, c.presence) }
        person.conditions = Set(needs.map(\.code).filter { index.taxonomy.vocabulary(of: $0) == .condition })
        if let place = p.place, let m = gazetteer.resolve(place) {
            person.area = m.area
            person.point = m.coordinate
            person.placeName = m.place.name
        } else if let area = hints.filter({ Matcher.forum.contains($0.key) }).max(by: { $0.value < $1.value })?.key {
            person.area = area
        }
        return person
    }

    /// Code bits the matcher checks for every candidate, looked up once.
    struct Bits: Sendable {
        let homeVisit, phone, online, transportProvided, communityTransport, busRoute: Int
        let charged, lowCost, socialConnection, peerSupport: Int
        let selfReferral, professionalReferral, gpReferral, crisis: Int

        init(table: CodeTable) {
            func b(_ c: String) -> Int { table.bit(c) ?? 127 }
            homeVisit = b("home-visit"); phone = b("phone"); online = b("online")
            transportProvided = b("transport-provided"); communityTransport = b("community-transport"); busRoute = b("bus-route")
            charged = b("charged"); lowCost = b("low-cost")
            socialConnection = b("social-connection"); peerSupport = b("peer-support")
            selfReferral = b("self-referral"); professionalReferral = b("professional-referral"); gpReferral = b("gp-referral")
            crisis = b("crisis-response")
        }

        static func mask(_ v: Vocabulary, _ table: CodeTable, _ taxonomy: Taxonomy) -> CodeSet { table.set(taxonomy.terms(v).map(\.code)) }
    }

    /// The hard rules a service breaks for this person, cheaply (no text).
    public func failedRules(_ doc: Int, for person: Person) -> [EligibilityRule] {
        var out: [EligibilityRule] = []
        if index.status[doc] != .active { out.append(.status) }
        let set = index.codeSets[doc]
        if let area = person.area {
            let areas = CodeSet.intersection(set, areaMask)
            let accept = areaAccept[area] ?? index.codeTable.set([area, "banes-wide", "national"])
            if !areas.isEmpty, !set.intersects(accept) { out.append(.area) }
        }
        if let age = person.age {
            // A service that supports carers is for the speaker: the cared-for person's age says nothing about it.
            if person.speaker.caresForSomeone, set.intersects(carerMask) {
                if let own = person.speakerAge, !index.admits(doc, age: own) { out.append(.age) }
            } else if !index.admits(doc, age: age) { out.append(.age) }
            else {
                let audience = CodeSet.intersection(set, audienceMask)
                let groups = (0...130).contains(age) ? ageGroups[age] : Matcher.groups(age: age, table: index.codeTable)
                // A service for children and their families is matched on the child's age: a
                // parent asking for a child gives the child's age, so an adult's own age rules it out.
                let forChildren = !CodeSet.intersection(audience, youngMask).isEmpty && CodeSet.intersection(audience, adultMask).isEmpty
                if !audience.isEmpty, !audience.intersects(groups) || (forChildren && age >= 26) { out.append(.audience) }
            }
        }
        if case .excluded = circumstanceVerdict(doc, for: person) { out.append(.circumstance) }
        return out
    }

    /// The service's `waymark:eligibility` rule against this person. `diagnosed` and
    /// `family-of-person-with` are about the service's own conditions: a person whose words
    /// name that condition plausibly has it (or is family of someone who does).
    public func circumstanceVerdict(_ doc: Int, for person: Person) -> CircumstanceRule.Verdict {
        let required = requirements[doc]
        guard !required.isEmpty else { return .fits }
        let conditions = index.services[doc].codes(.condition)
        let hasCondition = conditions.isEmpty || conditions.contains { person.conditions.contains($0) }
        return CircumstanceRule.verdict(requires: required) { code in
            switch code {
            case "diagnosed":
                guard hasCondition else { return nil }
                if person.speaker.caresForSomeone || person.speaker == .professional { return .plausible }
                return person.circumstances["diagnosed"] ?? .plausible
            case "family-of-person-with":
                guard hasCondition else { return person.circumstances[code] }
                // The person with the condition is not their own family.
                return person.speaker.caresForSomeone ? .stated : person.circumstances[code]
            default:
                return person.circumstances[code]
            }
        }
    }


    /// The audiences a person of this age belongs to; carers and families fit anyone.
    static func groups(age: Int, table: CodeTable) -> CodeSet {
        var g = ["carers", "families"]
        if age < 13 { g.append("children") }
        if (11...25).contains(age) { g.append("young-people") }
        if age >= 18 { g.append("adults") }
        if age >= 60 { g.append("older-people") }
        return table.set(g)
    }

    /// The hard rules a service breaks for this person, with the words to say so.
    public func failures(_ doc: Int, for person: Person) -> [(EligibilityRule, String)] {
        let s = index.services[doc]
        let taxonomy = index.taxonomy
        return failedRules(doc, for: person).map { rule in
            switch rule {
            case .status:
                let why = s.status == .temporarilyClosed ? "temporarily closed" : "not running at the moment"
                return (rule, s.alert.map { "\(why): \(DisplayText.line($0))" } ?? why)
            case .area:
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

    // MARK: 3–7. Score, diversify, cover, explain

    /// Every suggestion that fits, ranked, unless `limit` caps them (the diversity rules shape the top ten).
    public func match(_ p: NeedsProfile, limit: Int = .max) -> MatchResult {
        let interpretation = interpret(p)
        let understanding = understand(p)
        let safety = SafetyCheck.check(p.text, age: understanding.age)
        var needs = interpretation.needs
        if let safety {
            // "end my life" is not end-of-life care, "saving up my tablets" not a savings account:
            // needs read from the words of danger give way to crisis help.
            needs.removeAll { n in
                guard case .words(let w) = n.from else { return false }
                return safety.words.contains { $0.contains(w) || w.contains($0) }
            }
            needs.removeAll { $0.from == .inferred }
            var crisisNeeds = [Need(code: "crisis-response", weight: 1, from: .words(safety.words[0]))]
            for code in Matcher.crisisConditions[safety.kind] ?? [] {
                crisisNeeds.append(Need(code: code, weight: scoring.crisisConditionWeight, from: .words(safety.words[0])))
            }
            needs.removeAll { n in crisisNeeds.contains { $0.code == n.code } }
            needs.insert(contentsOf: crisisNeeds, at: 0)
        }
        // A carer gets services for the person cared for and services that support carers.
        if understanding.speaker == .carer || (understanding.speaker == .parent && needs.contains { index.taxonomy.vocabulary(of: $0.code) == .condition }),
           !needs.contains(where: { $0.code == "carer-support" }) {
            needs.append(Need(code: "carer-support", weight: scoring.carerNeedWeight, from: .speaker(understanding.speaker)))
        }
        needs = Array(needs.prefix(Scoring.maxNeeds))
        let hints = interpretation.hints
        let person = person(p, hints: hints, understanding: understanding, needs: needs)
        let taxonomy = index.taxonomy
        let table = index.codeTable
        let relevance = interpretation.relevance
        let maxRelevance = max(relevance.maxScore, 1e-6)
        let totalWeight = needs.reduce(0) { $0 + $1.weight }
        // A need is met by its own code or a narrower one (respite meets carer-support).
        let needSets: [CodeSet] = needs.map { n in
            let children = taxonomy.terms(taxonomy.vocabulary(of: n.code) ?? .function).filter { $0.parent == n.code }.map(\.code)
            return table.set([n.code] + children)
        }
        let wantsHome = p.wantsHomeVisits || (hints["home-visit"] ?? 0) >= 0.5
        let remoteOK = p.remoteOK || (hints["phone"] ?? 0) >= 0.5 || (hints["online"] ?? 0) >= 0.5
        let audienceHints = hints.filter { $0.value >= 0.5 && taxonomy.vocabulary(of: $0.key) == .audience }.map(\.key)
        let hintSet = table.set(audienceHints)
        let today = now.date
        let conditionMask = Bits.mask(.condition, table, taxonomy)
        let personConditions = CodeSet.intersection(needSets.reduce(CodeSet()) { var u = $0; u.lo |= $1.lo; u.hi |= $1.hi; return u }, conditionMask)

        // Candidates: services meeting any need, or whose text is about the person's other words.
        let w0 = scoring
        let allNeeds = needSets.reduce(CodeSet()) { var u = $0; u.lo |= $1.lo; u.hi |= $1.hi; return u }
        var isCandidate = [Bool](repeating: false, count: index.count)
        var candidates: [Int] = []
        for set in needSets { set.forEach { bit in for d in index.codeDocs[bit] where !isCandidate[Int(d)] { isCandidate[Int(d)] = true; candidates.append(Int(d)) } } }
        for d in relevance.touched where !isCandidate[Int(d)] && relevance.score[Int(d)] / maxRelevance > 0.25 {
            isCandidate[Int(d)] = true; candidates.append(Int(d))
        }

        struct Candidate {
            let doc: Int
            /// Bit i set when the service meets need i.
            let mask: Int
            let score: Double
            let burden: Double
            let distance: Double?
            /// Circumstances to check with the person before referring.
            let ask: [String]
            var covered: [Int] { (0..<Int.bitWidth).filter { mask & (1 << $0) != 0 } }
        }
        var eligible: [Candidate] = []
        var nearMissDocs: [(doc: Int, rule: EligibilityRule, mask: Int, weight: Double)] = []
        for doc in candidates {
            let set = index.codeSets[doc]
            var mask = 0
            var needWeight = 0.0
            for i in needs.indices where set.intersects(needSets[i]) { mask |= 1 << i; needWeight += needs[i].weight }
            let rel = Double(relevance.score[doc] / maxRelevance)
            let fails = failedRules(doc, for: person)
            if !fails.isEmpty {
                if fails.count == 1, mask != 0 { nearMissDocs.append((doc, fails[0], mask, needWeight + rel * w0.text)) }
                continue
            }
            let needScore = totalWeight > 0 ? needWeight / totalWeight : 0
            let (burden, distance) = travelBurden(doc, person: person, transport: p.transport, remoteOK: remoteOK, bits: bits)
            let w = scoring
            var score = w.need * needScore + w.text * rel + w.travel * (1 - burden)
            // Specificity: the share of the service's own need codes this person needs. A service
            // made for this need beats a broad one whose many tags each touch it weakly.
            let own = needCodeCounts[doc]
            if own > 0 { score += w.specificity * Double(CodeSet.intersection(set, allNeeds).count) / Double(own) - w.specificity }
            if set.intersects(hintSet) { score += w.audienceHint }
            if wantsHome, set.contains(bits.homeVisit) { score += w.homeVisitWanted }
            if p.freeOnly { if set.contains(bits.charged) { score -= w.chargedWhenFreeOnly } else if set.contains(bits.lowCost) { score -= w.lowCostWhenFreeOnly } }
            if index.staleMonths(doc, today: today) != nil { score -= w.stale }
            if index.hoursHaveEnded(doc, before: today) { score -= w.sessionsEnded }
            if p.prefersGroup, set.contains(bits.socialConnection) || set.contains(bits.peerSupport) { score += w.preferenceMet }
            if p.prefersOneToOne, set.contains(bits.homeVisit) || set.contains(bits.phone) { score += w.preferenceMet }
            // Access: a person presenting themselves can start a self-referral service today.
            if set.contains(bits.selfReferral) { score += w.selfReferral }
            else if set.contains(bits.professionalReferral) || set.contains(bits.gpReferral) { score -= w.referralOnly }
            if safety != nil, set.contains(bits.crisis) { score += w.crisisFirst }
            var ask: [String] = []
            if case .ask(let codes) = circumstanceVerdict(doc, for: person) { ask = codes; score -= w.mustAsk }
            // A service for one condition rarely suits someone with another: a substance-misuse
            // carers' group is not the stroke carer's first call.
            let serviceConditions = CodeSet.intersection(set, conditionMask)
            if !serviceConditions.isEmpty, !serviceConditions.intersects(personConditions) {
                score -= personConditions.isEmpty ? Matcher.otherConditionPenalty / 2 : Matcher.otherConditionPenalty
            }
            eligible.append(Candidate(doc: doc, mask: mask, score: score, burden: burden, distance: distance, ask: ask))
        }
        let order = TopK.select(Array(eligible.indices), limit: eligible.count) { a, b in
            (eligible[a].score, eligible[b].doc) > (eligible[b].score, eligible[a].doc)
        }

        // 4. Diversity: at most two per provider in the top ten, and every need seen before any gets a third.
        var chosen: [Candidate] = []
        var perProvider: [Int32: Int] = [:]
        var perNeed = [Int](repeating: 0, count: needs.count)
        var pool = order.map { eligible[$0] }
        let coverableInPool = pool.reduce(0) { $0 | $1.mask }
        while chosen.count < min(limit, 10), !pool.isEmpty {
            let starving = needs.indices.contains { perNeed[$0] == 0 && coverableInPool & (1 << $0) != 0 }
            let pick = pool.firstIndex { c in
                guard perProvider[index.organisationIndex[c.doc], default: 0] < 2 else { return false }
                // Deferred: every need it meets already has two services while another need has none.
                return !starving || !c.covered.allSatisfy { perNeed[$0] >= 2 }
            } ?? pool.firstIndex { c in perProvider[index.organisationIndex[c.doc], default: 0] < 2 }
            guard let i = pick else { break }
            let c = pool.remove(at: i)
            chosen.append(c)
            perProvider[index.organisationIndex[c.doc], default: 0] += 1
            for n in c.covered { perNeed[n] += 1 }
        }
        // Past the top ten the provider cap no longer applies; within it, a shorter list beats a crowded one.
        if limit > 10, chosen.count == 10 { chosen += pool.prefix(limit - chosen.count) }

        let suggestions = chosen.enumerated().map { (i, c) in
            Suggestion(doc: c.doc, rank: i + 1, score: (c.score * 1000).rounded() / 1000, distanceKm: c.distance.map { ($0 * 10).rounded() / 10 },
                       covers: c.covered.map { needs[$0].code },
                       reasons: reasons(c.doc, covered: c.covered, needs: needs, transport: p.transport, remoteOK: remoteOK, distance: c.distance),
                       cautions: c.ask.map { CircumstanceRule.caution($0, service: index.services[c.doc], taxonomy: taxonomy) }
                           + cautions(c.doc, burden: c.burden, distance: c.distance))
        }

        // 5–6. Covering set over all eligible services; needs nobody eligible meets.
        // Only the cheapest service of each pattern of needs can be in the best cover.
        var cheapest: [Int: Candidate] = [:]
        for c in eligible where c.mask != 0 {
            let mask = c.mask
            if let b = cheapest[mask], (b.burden, b.doc) <= (c.burden, c.doc) { continue }
            cheapest[mask] = c
        }
        let coverage = cheapest.values.map { c in CoverCandidate(id: c.doc, covers: Set(c.covered), cost: c.burden) }
        let cover = CoveringSet.smallest(needCount: needs.count, candidates: coverage)
        let coverable = eligible.reduce(0) { $0 | $1.mask }
        let unmet = needs.indices.filter { coverable & (1 << $0) == 0 }.map { needs[$0].code }
        // Near misses by how well they would meet the needs; all of them.
        let nearest = nearMissDocs.sorted { a, b in (a.weight, b.doc) > (b.weight, a.doc) }.map { ($0.doc, $0.rule, $0.mask) }
        let nearMisses = nearest.map { (doc, rule, covered) in
            NearMiss(doc: doc, rule: rule, fails: failures(doc, for: person).first { $0.0 == rule }?.1 ?? rule.rawValue,
                     covers: needs.indices.filter { covered & (1 << $0) != 0 }.map { needs[$0].code })
        }

        return MatchResult(profile: p, safety: safety, understanding: understanding, area: person.area, point: person.point, placeName: person.placeName, needs: needs,
                           unrecognised: interpretation.unrecognised, hints: hints, suggestions: suggestions,
                           coveringSet: cover, unmet: unmet, nearMisses: nearMisses)
    }

    /// 0 (easy) … 1 (hard): the straight-line distance to the nearest venue, weighed by how the person gets about.
    public func travelBurden(_ doc: Int, person: Person, transport: NeedsProfile.Transport?, remoteOK: Bool) -> (Double, Double?) {
        travelBurden(doc, person: person, transport: transport, remoteOK: remoteOK, bits: bits)
    }

    func travelBurden(_ doc: Int, person: Person, transport: NeedsProfile.Transport?, remoteOK: Bool, bits: Bits) -> (Double, Double?) {
        let set = index.codeSets[doc]
        let comes = set.contains(bits.homeVisit)
        let remote = set.contains(bits.phone) || set.contains(bits.online)
        let carried = set.contains(bits.transportProvided) || set.contains(bits.communityTransport)
        let bus = set.contains(bits.busRoute)
        var distance: Double?
        if let here = person.point {
            // Straight-line distance on a local flat projection: within 0.5% of the great circle
            // across B&NES, and no trigonometry per venue.
            let kx = 111.32 * cos(here.latitude * .pi / 180), ky = 110.57
            for p in index.points[doc] {
                let dx = (p.longitude - here.longitude) * kx, dy = (p.latitude - here.latitude) * ky
                let d = (dx * dx + dy * dy).squareRoot()
                if distance.map({ d < $0 }) ?? true { distance = d }
            }
        }
        if transport == .housebound {
            if comes { return (0, distance) }
            if remote { return (remoteOK ? 0.05 : 0.2, distance) }
            if carried { return (0.5, distance) }
            return (1, distance)
        }
        if comes { return (0, distance) }
        guard let d = distance else {
            // No venue (phone, online) or no known place: neither easy nor hard.
            return (remote ? (remoteOK ? 0.05 : 0.15) : 0.3, nil)
        }
        let reach: Double
        switch transport {
        case .car?: reach = 25
        case .bus?: reach = bus ? 20 : 10
        case .noCar?: reach = carried ? 20 : (bus ? 12 : 5)
        case .housebound?, nil: reach = 15
        }
        var burden = min(1, d / reach)
        if remote { burden = min(burden, remoteOK ? 0.05 : 0.2) }
        return (burden, d)
    }

    func reasons(_ doc: Int, covered: [Int], needs: [Need], transport: NeedsProfile.Transport?, remoteOK: Bool, distance: Double?) -> [String] {
        let s = index.services[doc]
        let taxonomy = index.taxonomy
        // How the words were read is said once, in "understood"; here only which of several needs it meets.
        var out: [String] = []
        let firm = covered.filter { needs[$0].from != .inferred }.map { taxonomy.label(needs[$0].code).lowercased() }
        let hinted = covered.filter { needs[$0].from == .inferred }.map { taxonomy.label(needs[$0].code).lowercased() }
        if needs.count > 1, !firm.isEmpty { out.append("meets: " + firm.joined(separator: ", ")) }
        if !hinted.isEmpty { out.append("also offers " + hinted.joined(separator: ", ")) }
        if s.has("home-visit", in: .transport) { out.append("comes to your home") }
        if s.has("phone", in: .transport) && (remoteOK || transport == .housebound) { out.append("by phone") }
        if s.has("online", in: .transport) && (remoteOK || transport == .housebound) { out.append("online") }
        if let d = distance, !s.has("home-visit", in: .transport) { out.append(d < 1 ? "under 1 km away" : String(format: "%.1f km away", d)) }
        if transport == .bus || transport == .noCar {
            if s.has("bus-route", in: .transport) { out.append("on a bus route") }
            if s.has("transport-provided", in: .transport) || s.has("community-transport", in: .transport) { out.append("transport can be arranged") }
        }
        if s.has("free", in: .cost) { out.append("free") }
        if s.has("self-referral", in: .referral) { out.append("you can refer yourself") }
        if s.hours.isOpen(at: now) == true { out.append("open now") }
        return out
    }

    func cautions(_ doc: Int, burden: Double, distance: Double?) -> [String] {
        let s = index.services[doc]
        var out: [String] = []
        let referral = s.codes(.referral)
        if !referral.contains("self-referral") {
            if referral.contains("gp-referral") { out.append("needs a GP referral") }
            else if referral.contains("professional-referral") { out.append("needs a referral from a health or care worker") }
        }
        if let m = index.staleMonths(doc, today: now.date) { out.append("last checked \(m) months ago") }
        if s.has("charged", in: .cost) { out.append("charged" + (s.fees.map { ": " + DisplayText.line($0) } ?? "")) }
        else if s.has("low-cost", in: .cost) { out.append("small charge" + (s.fees.map { ": " + DisplayText.line($0) } ?? "")) }
        if burden >= 0.8, let d = distance { out.append(String(format: "%.0f km away: hard to reach without a car", d)) }
        if index.hoursHaveEnded(doc, before: now.date) { out.append("no upcoming sessions listed") }
        if let alert = s.alert { out.append(DisplayText.line(alert)) }
        return out
    }
}
