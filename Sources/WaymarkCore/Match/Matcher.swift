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
    }

    static let needVocabularies: Set<Vocabulary> = [.condition, .function]
    /// Lexicon codes weaker than this are hints, not needs.
    static let needThreshold = 0.4
    /// Needs the directory suggests beside the lexicon's count for less: a hint, not a claim.
    static let inferredWeight = 0.3
    static let otherConditionPenalty = 0.05

    /// How much each part of the score counts: meeting the needs, the text of the person's words, and ease of travel.
    /// Chosen on the bundled evaluation set (docs/matching.md gives the sweep), so treat them as a starting point.
    static let weights: (need: Double, text: Double, travel: Double) = (0.7, 0.15, 0.15)
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
        var best: [String: (Double, String)] = [:]
        var hints: [String: Double] = [:]
        var consumed = Set<Int>()
        for hit in hits {
            consumed.formUnion(hit.range)
            for (code, w) in hit.codes {
                guard let v = taxonomy.vocabulary(of: code) else { continue }
                if Matcher.needVocabularies.contains(v) {
                    if w > (best[code]?.0 ?? 0) { best[code] = (w, hit.words) }
                } else {
                    hints[code] = max(hints[code] ?? 0, w)
                }
            }
        }
        for code in p.needs where taxonomy.vocabulary(of: code) != nil { best[code] = (1.0, "chosen") }
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
            for (code, _) in inferred { best[code] = (lexiconFound ? Matcher.inferredWeight : 0.6, "your words") }
        }
        var needs = best.filter { $0.value.0 >= Matcher.needThreshold || $0.value.1 == "your words" }.map { Need(code: $0.key, weight: $0.value.0, from: $0.value.1) }
        needs.sort { ($0.weight, $1.code) > ($1.weight, $0.code) }
        // A parent and its child both recognised ("carer" and "a break"): keep both; they are different asks.
        return Interpretation(needs: Array(needs.prefix(8)), hints: hints, contentWords: content, unrecognised: unrecognised, relevance: scores)
    }

    // MARK: 2. Eligibility

    public struct Person: Sendable {
        public var area: String?
        public var point: Coordinate?
        public var placeName: String?
        public var age: Int?
    }

    public func person(_ p: NeedsProfile, hints: [String: Double] = [:]) -> Person {
        var person = Person(age: p.age)
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

        init(table: CodeTable) {
            func b(_ c: String) -> Int { table.bit(c) ?? 127 }
            homeVisit = b("home-visit"); phone = b("phone"); online = b("online")
            transportProvided = b("transport-provided"); communityTransport = b("community-transport"); busRoute = b("bus-route")
            charged = b("charged"); lowCost = b("low-cost")
            socialConnection = b("social-connection"); peerSupport = b("peer-support")
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
            if age < Int(index.minAge[doc]) || age > Int(index.maxAge[doc]) { out.append(.age) }
            else {
                let audience = CodeSet.intersection(set, audienceMask)
                let groups = (0...130).contains(age) ? ageGroups[age] : Matcher.groups(age: age, table: index.codeTable)
                // A service for children and their families is matched on the child's age: a
                // parent asking for a child gives the child's age, so an adult's own age rules it out.
                let forChildren = !CodeSet.intersection(audience, youngMask).isEmpty && CodeSet.intersection(audience, adultMask).isEmpty
                if !audience.isEmpty, !audience.intersects(groups) || (forChildren && age >= 26) { out.append(.audience) }
            }
        }
        return out
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
            }
        }
    }

    // MARK: 3–7. Score, diversify, cover, explain

    public func match(_ p: NeedsProfile, limit: Int = 10) -> MatchResult {
        let interpretation = interpret(p)
        let needs = interpretation.needs
        let hints = interpretation.hints
        let person = person(p, hints: hints)
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
            var covered: [Int] { (0..<Int.bitWidth).filter { mask & (1 << $0) != 0 } }
        }
        var eligible: [Candidate] = []
        var nearMissDocs: [(Int, EligibilityRule, Int)] = []
        for doc in candidates {
            let set = index.codeSets[doc]
            var mask = 0
            var needWeight = 0.0
            for i in needs.indices where set.intersects(needSets[i]) { mask |= 1 << i; needWeight += needs[i].weight }
            let rel = Double(relevance.score[doc] / maxRelevance)
            let fails = failedRules(doc, for: person)
            if !fails.isEmpty {
                if fails.count == 1, mask != 0 { nearMissDocs.append((doc, fails[0], mask)) }
                continue
            }
            let needScore = totalWeight > 0 ? needWeight / totalWeight : 0
            let (burden, distance) = travelBurden(doc, person: person, transport: p.transport, remoteOK: remoteOK, bits: bits)
            var score = Matcher.weights.need * needScore + Matcher.weights.text * rel + Matcher.weights.travel * (1 - burden)
            if set.intersects(hintSet) { score += 0.03 }
            if wantsHome, set.contains(bits.homeVisit) { score += 0.05 }
            if p.freeOnly { if set.contains(bits.charged) { score -= 0.3 } else if set.contains(bits.lowCost) { score -= 0.1 } }
            if index.staleMonths(doc, today: today) != nil { score -= 0.08 }
            if index.hoursHaveEnded(doc, before: today) { score -= 0.15 }
            if p.prefersGroup, set.contains(bits.socialConnection) || set.contains(bits.peerSupport) { score += 0.03 }
            // A service for one condition rarely suits someone with another: a substance-misuse
            // carers' group is not the stroke carer's first call.
            let serviceConditions = CodeSet.intersection(set, conditionMask)
            if !serviceConditions.isEmpty, !serviceConditions.intersects(personConditions) {
                score -= personConditions.isEmpty ? Matcher.otherConditionPenalty / 2 : Matcher.otherConditionPenalty
            }
            eligible.append(Candidate(doc: doc, mask: mask, score: score, burden: burden, distance: distance))
        }
        let order = TopK.select(Array(eligible.indices), limit: 400) { a, b in
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
                       cautions: cautions(c.doc, burden: c.burden, distance: c.distance))
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
        let nearest = TopK.select(Array(nearMissDocs.indices), limit: 5) { a, b in
            (nearMissDocs[a].2.nonzeroBitCount, nearMissDocs[b].0) > (nearMissDocs[b].2.nonzeroBitCount, nearMissDocs[a].0)
        }.map { nearMissDocs[$0] }
        let nearMisses = nearest.map { (doc, rule, covered) in
            NearMiss(doc: doc, rule: rule, fails: failures(doc, for: person).first { $0.0 == rule }?.1 ?? rule.rawValue,
                     covers: needs.indices.filter { covered & (1 << $0) != 0 }.map { needs[$0].code })
        }

        return MatchResult(profile: p, area: person.area, point: person.point, placeName: person.placeName, needs: needs,
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
        var out: [String] = covered.map { i in
            let n = needs[i]
            let label = taxonomy.label(n.code).lowercased()
            switch n.from {
            case "chosen": return "meets: \(label)"
            case "your words": return "also offers \(label)"
            default: return "\(n.from) → \(label)"
            }
        }
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
