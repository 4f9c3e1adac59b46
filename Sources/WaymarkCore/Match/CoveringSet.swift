/// A service as the covering set sees it: which needs it meets and what it costs the person to use.
public struct CoverCandidate: Sendable, Equatable {
    public let id: Int
    public let covers: Set<Int>
    public let cost: Double

    public init(id: Int, covers: Set<Int>, cost: Double) {
        self.id = id
        self.covers = covers
        self.cost = cost
    }
}

/// The smallest set of services that together meet every need that can be met,
/// preferring a low total travel burden among sets of that size.
///
/// People bring a handful of needs, so this is solved exactly: services are grouped by
/// the needs they meet (only the cheapest of each group matters), then a dynamic
/// programme over subsets of needs finds the best cover. Exact, and fast for up to
/// a dozen needs, where greedy set cover can return a set one larger than it need be.
public enum CoveringSet {
    public static func smallest(needCount n: Int, candidates: [CoverCandidate]) -> [Int] {
        guard n > 0, n <= 16 else { return n > 16 ? greedy(needCount: n, candidates: candidates) : [] }
        var bestByMask: [Int: CoverCandidate] = [:]
        for c in candidates {
            let mask = c.covers.filter { $0 < n }.reduce(0) { $0 | (1 << $1) }
            guard mask != 0 else { continue }
            if let b = bestByMask[mask], (b.cost, b.id) <= (c.cost, c.id) { continue }
            bestByMask[mask] = c
        }
        let reachable = bestByMask.keys.reduce(0, |)
        let full = 1 << n
        // dp[m] = the best (count, cost) cover of exactly the needs in m, and how it was reached.
        var count = [Int](repeating: Int.max, count: full)
        var cost = [Double](repeating: .infinity, count: full)
        var via = [Int](repeating: -1, count: full)
        var from = [Int](repeating: -1, count: full)
        count[0] = 0; cost[0] = 0
        let groups = bestByMask.sorted { $0.key < $1.key }
        for m in 0..<full where count[m] != Int.max {
            for (mask, c) in groups {
                let next = m | mask
                guard next != m else { continue }
                let nc = count[m] + 1, ncost = cost[m] + c.cost
                if nc < count[next] || (nc == count[next] && ncost < cost[next] - 1e-12) {
                    count[next] = nc; cost[next] = ncost; via[next] = c.id; from[next] = m
                }
            }
        }
        guard count[reachable] != Int.max else { return [] }
        var out: [Int] = []
        var m = reachable
        while m != 0 { out.append(via[m]); m = from[m] }
        return out.reversed()
    }

    /// Weighted greedy set cover, for the rare person with more needs than the exact method takes.
    public static func greedy(needCount n: Int, candidates: [CoverCandidate]) -> [Int] {
        var left = Set(candidates.flatMap(\.covers).filter { $0 < n })
        var out: [Int] = []
        while !left.isEmpty {
            guard let best = candidates.max(by: { a, b in
                Double(a.covers.intersection(left).count) / (1 + a.cost) < Double(b.covers.intersection(left).count) / (1 + b.cost)
            }), !best.covers.intersection(left).isEmpty else { break }
            out.append(best.id)
            left.subtract(best.covers)
        }
        return out
    }
}
