import Foundation

/// From a person's words and a few facts to services: interpret, filter by hard
/// eligibility, score (need, text, travel, hours, cost, freshness), diversify,
/// find the smallest covering set, and name unmet needs.
public struct Matcher: Sendable {
    public let index: SearchIndex
    public let gazetteer: Gazetteer
    public let now: LocalDateTime

    public init(index: SearchIndex, gazetteer: Gazetteer, now: LocalDateTime) {
        self.index = index
        self.gazetteer = gazetteer
        self.now = now
    }

    static let needVocabularies: Set<Vocabulary> = [.condition, .function]
    static let forum = ["bath-city", "bathavon", "keynsham", "somer-valley", "chew-valley"]

    // MARK: 1. Interpret

    public struct Interpretation: Sendable {
        public var needs: [Need]
        public var hints: [String: Double]
        public var contentWords: [String]
        public var unrecognised: [String]
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
        for (i, w) in words.enumerated() where !consumed.contains(i) && !StopWords.contains(w) && w.count > 1 {
            if index.knows(w) { content.append(w) } else if w.rangeOfCharacter(from: .decimalDigits) == nil { unrecognised.append(w) }
        }
        // Nothing in the lexicon: let the directory say what the words are about, from its best text matches.
        if best.isEmpty, !content.isEmpty {
            let scores = index.relevance(words: content)
            let top = scores.sorted { $0.value > $1.value }.prefix(8).map(\.key)
            var votes: [String: Int] = [:]
            for d in top {
                for code in index.services[d].codes(.condition) + index.services[d].codes(.function) { votes[code, default: 0] += 1 }
            }
            for (code, n) in votes where n >= max(3, top.count / 2) { best[code] = (0.6, content.joined(separator: " ")) }
        }
        var needs = best.filter { $0.value.0 >= 0.5 }.map { Need(code: $0.key, weight: $0.value.0, from: $0.value.1) }
        needs.sort { ($0.weight, $1.code) > ($1.weight, $0.code) }
        // A parent and its child both recognised ("carer" and "a break"): keep both; they are different asks.
        return Interpretation(needs: Array(needs.prefix(8)), hints: hints, contentWords: content, unrecognised: unrecognised)
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

    /// The hard rules a service breaks for this person, with the words to say so.
    public func failures(_ doc: Int, for person: Person) -> [(EligibilityRule, String)] {
        let s = index.services[doc]
        let taxonomy = index.taxonomy
        var out: [(EligibilityRule, String)] = []
        if s.status != .active {
            let why = s.status == .temporarilyClosed ? "temporarily closed" : "not running at the moment"
            out.append((.status, s.alert.map { "\(why): \(DisplayText.line($0))" } ?? why))
        }
        if let area = person.area {
            let areas = s.codes(.area)
            if !areas.isEmpty, !areas.contains(area), !areas.contains("banes-wide"), !areas.contains("national") {
                out.append((.area, "serves " + areas.map { taxonomy.label($0) }.joined(separator: " and ") + " only"))
            }
        }
        if let age = person.age {
            if !s.eligibility.admits(age: age) {
                out.append((.age, "for " + (s.eligibility.ageSummary ?? "other ages").lowercased()))
            } else if !audienceFits(s.codes(.audience), age: age) {
                out.append((.audience, "for " + s.codes(.audience).map { taxonomy.label($0).lowercased() }.joined(separator: " and ")))
            }
        }
        return out
    }

    func audienceFits(_ audience: [String], age: Int) -> Bool {
        guard !audience.isEmpty else { return true }
        var groups: Set<String> = ["carers", "families"]
        if age < 13 { groups.insert("children") }
        if (11...25).contains(age) { groups.insert("young-people") }
        if age >= 18 { groups.insert("adults") }
        if age >= 60 { groups.insert("older-people") }
        return audience.contains { groups.contains($0) }
    }

    // MARK: 3–7. Score, diversify, cover, explain

    public func match(_ p: NeedsProfile, limit: Int = 10) -> MatchResult {
        let interpretation = interpret(p)
        let needs = interpretation.needs
        let hints = interpretation.hints
        let person = person(p, hints: hints)
        let taxonomy = index.taxonomy
        let relevance = index.relevance(words: interpretation.contentWords)
        let maxRelevance = relevance.values.max() ?? 1
        let totalWeight = needs.reduce(0) { $0 + $1.weight }
        let needBits = needs.map { n in index.codeTable.bit(n.code) }
        let childBits: [[Int]] = needs.map { n in
            taxonomy.terms(taxonomy.vocabulary(of: n.code) ?? .function).filter { $0.parent == n.code }.compactMap { index.codeTable.bit($0.code) }
        }
        let wantsHome = p.wantsHomeVisits || (hints["home-visit"] ?? 0) >= 0.5
        let remoteOK = p.remoteOK || (hints["phone"] ?? 0) >= 0.5 || (hints["online"] ?? 0) >= 0.5
        let freeOnly = p.freeOnly

        func covers(_ doc: Int) -> [Int] {
            let set = index.codeSets[doc]
            return needs.indices.filter { i in
                (needBits[i].map { set.contains($0) } ?? false) || childBits[i].contains { set.contains($0) }
            }
        }

        struct Candidate { let doc: Int; let covered: [Int]; let score: Double; let burden: Double; let distance: Double? }
        var eligible: [Candidate] = []
        var nearMisses: [NearMiss] = []
        for doc in 0..<index.count {
            let covered = covers(doc)
            let rel = Double(relevance[doc] ?? 0) / Double(maxRelevance)
            guard !covered.isEmpty || rel > 0.25 else { continue }
            let fails = failures(doc, for: person)
            if fails.count == 1, !covered.isEmpty {
                nearMisses.append(NearMiss(doc: doc, rule: fails[0].0, fails: fails[0].1, covers: covered.map { needs[$0].code }))
            }
            guard fails.isEmpty else { continue }
            let s = index.services[doc]
            let needScore = totalWeight > 0 ? covered.reduce(0) { $0 + needs[$1].weight } / totalWeight : 0
            let (burden, distance) = travelBurden(doc, person: person, transport: p.transport, remoteOK: remoteOK)
            var score = 0.6 * needScore + 0.15 * rel + 0.25 * (1 - burden)
            let set = index.codeSets[doc]
            for (code, w) in hints where w >= 0.5 {
                if let bit = index.codeTable.bit(code), set.contains(bit), taxonomy.vocabulary(of: code) == .audience { score += 0.04 * w }
            }
            if wantsHome, s.has("home-visit", in: .transport) { score += 0.05 }
            if freeOnly { if s.has("charged", in: .cost) { score -= 0.3 } else if s.has("low-cost", in: .cost) { score -= 0.1 } }
            if ServiceCard.staleMonths(s, today: now.date) != nil { score -= 0.08 }
            let hours = s.hours
            if hours.isOpen(at: now) == false, hours.nextOpening(after: now) == nil { score -= 0.15 }
            if p.prefersGroup, s.has("social-connection", in: .function) || s.has("peer-support", in: .function) { score += 0.03 }
            eligible.append(Candidate(doc: doc, covered: covered, score: score, burden: burden, distance: distance))
        }
        eligible.sort { ($0.score, index.services[$1.doc].name) > ($1.score, index.services[$0.doc].name) }

        // 4. Diversity: at most two per provider in the top ten, and every need seen before any gets a third.
        var chosen: [Candidate] = []
        var perProvider: [String: Int] = [:]
        var perNeed = [Int](repeating: 0, count: needs.count)
        var pool = eligible
        while chosen.count < min(limit, 10), !pool.isEmpty {
            let uncovered = Set(needs.indices.filter { need in perNeed[need] == 0 && pool.contains { $0.covered.contains(need) } })
            let pick = pool.firstIndex { c in
                guard perProvider[index.services[c.doc].organisationID, default: 0] < 2 else { return false }
                if uncovered.isEmpty { return true }
                // Deferred: every need it meets already has two services while another need has none.
                return !(c.covered.allSatisfy { perNeed[$0] >= 2 })
            } ?? pool.firstIndex { c in perProvider[index.services[c.doc].organisationID, default: 0] < 2 }
            guard let i = pick else { break }
            let c = pool.remove(at: i)
            chosen.append(c)
            perProvider[index.services[c.doc].organisationID, default: 0] += 1
            for n in c.covered { perNeed[n] += 1 }
        }
        if limit > chosen.count { chosen += pool.prefix(limit - chosen.count) }

        let suggestions = chosen.enumerated().map { (i, c) in
            Suggestion(doc: c.doc, rank: i + 1, score: (c.score * 1000).rounded() / 1000, distanceKm: c.distance.map { ($0 * 10).rounded() / 10 },
                       covers: c.covered.map { needs[$0].code },
                       reasons: reasons(c.doc, covered: c.covered, needs: needs, transport: p.transport, remoteOK: remoteOK, distance: c.distance),
                       cautions: cautions(c.doc, burden: c.burden, distance: c.distance))
        }

        // 5–6. Covering set over all eligible services; needs nobody eligible meets.
        let coverage = eligible.map { c in CoverCandidate(id: c.doc, covers: Set(c.covered), cost: c.burden) }
        let cover = CoveringSet.smallest(needCount: needs.count, candidates: coverage)
        let coverable = Set(eligible.flatMap(\.covered))
        let unmet = needs.indices.filter { !coverable.contains($0) }.map { needs[$0].code }
        nearMisses.sort { ($0.covers.count, index.services[$1.doc].name) > ($1.covers.count, index.services[$0.doc].name) }

        return MatchResult(profile: p, area: person.area, point: person.point, placeName: person.placeName, needs: needs,
                           unrecognised: interpretation.unrecognised, hints: hints, suggestions: suggestions,
                           coveringSet: cover, unmet: unmet, nearMisses: Array(nearMisses.prefix(5)))
    }

    /// 0 (easy) … 1 (hard): the straight-line distance to the nearest venue, weighed by how the person gets about.
    public func travelBurden(_ doc: Int, person: Person, transport: NeedsProfile.Transport?, remoteOK: Bool) -> (Double, Double?) {
        let s = index.services[doc]
        let comes = s.has("home-visit", in: .transport)
        let remote = s.has("phone", in: .transport) || s.has("online", in: .transport)
        let carried = s.has("transport-provided", in: .transport) || s.has("community-transport", in: .transport)
        let bus = s.has("bus-route", in: .transport)
        let distance = person.point.flatMap { here in index.points[doc].map { $0.distanceKm(to: here) }.min() }
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
            return n.from == "chosen" ? "meets: \(label)" : "\(n.from) → \(label)"
        }
        if s.has("home-visit", in: .transport) { out.append("comes to your home") }
        if s.has("phone", in: .transport) && (remoteOK || transport == .housebound) { out.append("by phone") }
        if s.has("online", in: .transport) && (remoteOK || transport == .housebound) { out.append("online") }
        if let d = distance, !s.has("home-visit", in: .transport) { out.append(String(format: "%.1f km away", d)) }
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
        if let m = ServiceCard.staleMonths(s, today: now.date) { out.append("last checked \(m) months ago") }
        if s.has("charged", in: .cost) { out.append("charged" + (s.fees.map { ": " + DisplayText.line($0) } ?? "")) }
        else if s.has("low-cost", in: .cost) { out.append("small charge" + (s.fees.map { ": " + DisplayText.line($0) } ?? "")) }
        if burden >= 0.8, let d = distance { out.append(String(format: "%.0f km away: hard to reach without a car", d)) }
        if s.hours.isOpen(at: now) == false, s.hours.nextOpening(after: now) == nil { out.append("no upcoming sessions listed") }
        if let alert = s.alert { out.append(DisplayText.line(alert)) }
        return out
    }
}
