import Foundation

/// A service that passed the hard rules, scored for this person.
struct MatchCandidate: Sendable {
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

/// Stage 3 of matching: the soft score of an eligible service, every weight from `Scoring`.
/// `score = need·(share of needs met) + text·(relevance) + travel·(1 − burden)`, then the
/// named adjustments (specificity, access, cost, freshness, preferences, crisis first).
struct Scorer {
    let index: SearchIndex
    let scoring: Scoring
    let bits: Bits
    let profile: NeedsProfile
    let person: MatchPerson
    let needs: [Need]
    /// Per need: its code and the narrower codes that also meet it (respite meets help for carers).
    let needSets: [CodeSet]
    let allNeeds: CodeSet
    let personConditions: CodeSet
    let conditionMask: CodeSet
    let hintSet: CodeSet
    /// The codes of crisis help that answers the danger, when there is a notice.
    let crisisAnswer: CodeSet
    let relevance: Accumulator
    let maxRelevance: Float
    let totalWeight: Double
    let wantsHome: Bool
    let remoteOK: Bool
    let safety: SafetyNotice?
    let today: LocalDate
    /// The needs ask for a specialist function themselves ("a memory assessment").
    let asksSpecialist: Bool

    init(index: SearchIndex, scoring: Scoring, bits: Bits, profile: NeedsProfile, person: MatchPerson,
         needs: [Need], hints: [String: Double], relevance: Accumulator, safety: SafetyNotice?, today: LocalDate) {
        self.index = index; self.scoring = scoring; self.bits = bits
        asksSpecialist = needs.contains { Matcher.specialistFunctions.contains($0.code) && $0.from != .inferred }
        self.profile = profile; self.person = person; self.needs = needs; self.relevance = relevance
        self.safety = safety; self.today = today
        let taxonomy = index.taxonomy, table = index.codeTable
        needSets = needs.map { n in
            let children = taxonomy.terms(taxonomy.vocabulary(of: n.code) ?? .function).filter { $0.parent == n.code }.map(\.code)
            return table.set([n.code] + children)
        }
        let union = needSets.reduce(CodeSet()) { var u = $0; u.lo |= $1.lo; u.hi |= $1.hi; return u }
        allNeeds = union
        conditionMask = table.set(taxonomy.terms(.condition).map(\.code))
        personConditions = CodeSet.intersection(union, conditionMask)
        let audienceHints = hints.filter { $0.value >= 0.5 && taxonomy.vocabulary(of: $0.key) == .audience }.map(\.key)
        hintSet = table.set(audienceHints)
        crisisAnswer = table.set(safety?.concern.answeredBy ?? [])
        maxRelevance = max(relevance.maxScore, 1e-6)
        totalWeight = needs.reduce(0) { $0 + $1.weight }
        wantsHome = profile.wantsHomeVisits || (hints["home-visit"] ?? 0) >= 0.5
        remoteOK = profile.remoteOK || (hints["phone"] ?? 0) >= 0.5 || (hints["online"] ?? 0) >= 0.5
    }

    /// Services meeting any need, or whose text is about the person's other words.
    func candidates() -> [Int] {
        var isCandidate = [Bool](repeating: false, count: index.count)
        var out: [Int] = []
        for set in needSets { set.forEach { bit in for d in index.codeDocs[bit] where !isCandidate[Int(d)] { isCandidate[Int(d)] = true; out.append(Int(d)) } } }
        for d in relevance.touched where !isCandidate[Int(d)] && Double(relevance.score[Int(d)] / maxRelevance) > scoring.textCandidate {
            isCandidate[Int(d)] = true; out.append(Int(d))
        }
        return out
    }

    /// Bit i set when the service meets need i, and the need weight it meets.
    func meets(_ doc: Int) -> (mask: Int, weight: Double) {
        let set = index.codeSets[doc]
        var mask = 0, weight = 0.0
        for i in needs.indices where set.intersects(needSets[i]) { mask |= 1 << i; weight += needs[i].weight }
        return (mask, weight)
    }

    func textRelevance(_ doc: Int) -> Double { Double(relevance.score[doc] / maxRelevance) }

    /// How well a service would meet the needs, rules aside: the order of near misses.
    func nearMissWeight(_ doc: Int) -> Double { meets(doc).weight + textRelevance(doc) * scoring.text }

    func score(_ doc: Int, verdict: CircumstanceRule.Verdict) -> MatchCandidate {
        let set = index.codeSets[doc]
        let (mask, needWeight) = meets(doc)
        let w = scoring
        let needScore = totalWeight > 0 ? needWeight / totalWeight : 0
        let (burden, distance) = Travel.burden(index, doc, person: person, transport: profile.transport, remoteOK: remoteOK, bits: bits)
        var score = w.need * needScore + w.text * textRelevance(doc) + w.travel * (1 - burden)
        // Specificity: the share of the service's own need codes this person needs. A service
        // made for this need beats a broad one whose many tags each touch it weakly.
        let own = index.needCodeCount(doc)
        if own > 0 { score += w.specificity * Double(CodeSet.intersection(set, allNeeds).count) / Double(own) - w.specificity }
        if set.intersects(hintSet) { score += w.audienceHint }
        if wantsHome, set.contains(bits.homeVisit) { score += w.homeVisitWanted }
        if profile.freeOnly { if set.contains(bits.charged) { score -= w.chargedWhenFreeOnly } else if set.contains(bits.lowCost) { score -= w.lowCostWhenFreeOnly } }
        if set.contains(bits.charged) { score -= w.charged }
        if index.staleMonths(doc, today: today) != nil { score -= w.stale }
        if index.hoursHaveEnded(doc, before: today) { score -= w.sessionsEnded }
        if profile.prefersGroup, set.contains(bits.socialConnection) || set.contains(bits.peerSupport) { score += w.preferenceMet }
        if profile.prefersOneToOne, set.contains(bits.homeVisit) || set.contains(bits.phone) { score += w.preferenceMet }
        // Access: a person presenting themselves can start a self-referral service today.
        let referralOnly = !set.contains(bits.selfReferral) && (set.contains(bits.professionalReferral) || set.contains(bits.gpReferral))
        if set.contains(bits.selfReferral) { score += w.selfReferral }
        else if referralOnly { score -= w.referralOnly }
        // Crisis help comes first when it can be reached now: crisis beds that take only a crisis
        // team's referral are not the first call of someone in danger, but are a worker's.
        if safety != nil, set.contains(bits.crisis), !referralOnly || person.speaker == .professional {
            score += w.crisisFirst
            if set.intersects(crisisAnswer) { score += w.crisisAnswers }
        }
        else if !asksSpecialist, index.isSpecialist(doc) { score -= w.specialistStep }
        var ask: [String] = []
        if case .ask(let codes) = verdict { ask = codes; score -= w.mustAsk }
        // A service for one condition rarely suits someone with another: a substance-misuse
        // carers' group is not the stroke carer's first call.
        let serviceConditions = CodeSet.intersection(set, conditionMask)
        if !serviceConditions.isEmpty, !serviceConditions.intersects(personConditions) {
            score -= personConditions.isEmpty ? w.otherCondition / 2 : w.otherCondition
        }
        return MatchCandidate(doc: doc, mask: mask, score: score, burden: burden, distance: distance, ask: ask)
    }
}

/// Code bits the matcher checks for every candidate, looked up once.
struct Bits: Sendable {
    let homeVisit, phone, online, transportProvided, communityTransport, busRoute: Int
    let charged, lowCost, free, socialConnection, peerSupport: Int
    let selfReferral, professionalReferral, gpReferral, crisis: Int

    init(table: CodeTable) {
        func b(_ c: String) -> Int { table.bit(c) ?? 127 }
        homeVisit = b("home-visit"); phone = b("phone"); online = b("online")
        transportProvided = b("transport-provided"); communityTransport = b("community-transport"); busRoute = b("bus-route")
        charged = b("charged"); lowCost = b("low-cost"); free = b("free")
        socialConnection = b("social-connection"); peerSupport = b("peer-support")
        selfReferral = b("self-referral"); professionalReferral = b("professional-referral"); gpReferral = b("gp-referral")
        crisis = b("crisis-response")
    }
}

/// How hard a service is to reach, by how the person gets about: 0 (easy) … 1 (hard).
enum Travel {
    /// The straight-line distance to the nearest venue, weighed by how the person gets about.
    static func burden(_ index: SearchIndex, _ doc: Int, person: MatchPerson, transport: NeedsProfile.Transport?, remoteOK: Bool, bits: Bits) -> (Double, Double?) {
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
            index.points.forEach(doc) { p in
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
}
