/// Stage 4 of matching: the order shown. The top ten hold at most `perProviderInTopTen`
/// services of one provider (a shorter list rather than a crowded one), and every need that
/// can be met is seen before any need gets a third service. Past the top ten the ranked
/// order stands, so every suggestion that fits is returned.
enum Diversifier {
    static let topTen = 10
    static let perProviderInTopTen = 2
    static let perNeedBeforeOthersSeen = 2

    /// `ranked` is best first; `provider` names each service's organisation.
    static func arrange(_ ranked: [MatchCandidate], needCount: Int, provider: (Int) -> Int32, limit: Int) -> [MatchCandidate] {
        var chosen: [MatchCandidate] = []
        var perProvider: [Int32: Int] = [:]
        var perNeed = [Int](repeating: 0, count: needCount)
        var pool = ranked
        let coverable = pool.reduce(0) { $0 | $1.mask }
        while chosen.count < min(limit, topTen), !pool.isEmpty {
            let starving = (0..<needCount).contains { perNeed[$0] == 0 && coverable & (1 << $0) != 0 }
            let pick = pool.firstIndex { c in
                guard perProvider[provider(c.doc), default: 0] < perProviderInTopTen else { return false }
                // Deferred: every need it meets already has two services while another need has none.
                return !starving || !c.covered.allSatisfy { perNeed[$0] >= perNeedBeforeOthersSeen }
            } ?? pool.firstIndex { c in perProvider[provider(c.doc), default: 0] < perProviderInTopTen }
            guard let i = pick else { break }
            let c = pool.remove(at: i)
            chosen.append(c)
            perProvider[provider(c.doc), default: 0] += 1
            for n in c.covered { perNeed[n] += 1 }
        }
        // Past the top ten the provider cap no longer applies; within it, a shorter list beats a crowded one.
        if limit > topTen, chosen.count == topTen { chosen += pool.prefix(limit - chosen.count) }
        return chosen
    }
}

extension CoveringSet {
    /// Stage 5 of matching: the covering set over eligible services only (the fewest that meet
    /// every need that can be met; among sets of that size, the easiest to reach and best suited), and the needs
    /// (by index) that no eligible service meets.
    static func over(_ eligible: [MatchCandidate], needCount: Int) -> (cover: [Int], unmet: [Int]) {
        // The cost of a service in the cover: its travel burden, and how far it falls short of the
        // best-scored suggestion, so a housing service that happens to touch two needs does not
        // stand in for the dementia service made for them.
        let best = eligible.map(\.score).max() ?? 0
        func cost(_ c: MatchCandidate) -> Double { c.burden + max(0, best - c.score) }
        // Only the cheapest service of each pattern of needs can be in the best cover.
        var cheapest: [Int: MatchCandidate] = [:]
        for c in eligible where c.mask != 0 {
            if let b = cheapest[c.mask], (cost(b), b.doc) <= (cost(c), c.doc) { continue }
            cheapest[c.mask] = c
        }
        let coverage = cheapest.values.map { c in CoverCandidate(id: c.doc, covers: Set(c.covered), cost: cost(c)) }
        let cover = smallest(needCount: needCount, candidates: coverage)
        let coverable = eligible.reduce(0) { $0 | $1.mask }
        return (cover, (0..<needCount).filter { coverable & (1 << $0) == 0 })
    }
}
