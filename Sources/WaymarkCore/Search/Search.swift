import Foundation

/// What to look for, and where: the query line and the filter panel.
public struct SearchFilters: Sendable, Equatable {
    /// An Area Forum area; services serving it, B&NES-wide or nationally pass.
    public var area: String?
    /// Where the person is, for distances (set with `area` when a place is chosen).
    public var near: Coordinate?
    public var conditions: [String] = []
    public var functions: [String] = []
    public var transport: [String] = []
    public var audience: [String] = []
    public var referral: [String] = []
    public var cost: [String] = []
    public var age: Int?
    /// Only services open at this moment.
    public var openAt: LocalDateTime?
    /// Only services with a session on this date.
    public var openOn: LocalDate?
    public var statuses: Set<ServiceStatus> = [.active]

    public init() {}

    public var isEmpty: Bool { self == SearchFilters() }

    func codes(_ v: Vocabulary) -> [String] {
        switch v {
        case .condition: return conditions
        case .function: return functions
        case .transport: return transport
        case .audience: return audience
        case .referral: return referral
        case .cost: return cost
        case .area: return area.map { [$0] } ?? []
        }
    }
}

public struct SearchHit: Sendable {
    public let doc: Int
    public let score: Double
    /// True when the service matched only through a typo-tolerant or everyday-words expansion.
    public let fuzzy: Bool
}

public struct SearchResult: Sendable {
    public let query: String
    public let total: Int
    public let hits: [SearchHit]
    /// Code → number of matching services, for "dementia (23)".
    public let facets: [String: Int]
    /// Everyday phrases recognised in the query.
    public let understood: [Lexicon.Hit]
}

extension SearchIndex {
    /// Compiled filters: code sets per vocabulary, checked with bit operations.
    struct FilterPlan {
        var required: [CodeSet] = []
        var filters: SearchFilters

        init(_ filters: SearchFilters, table: CodeTable) {
            self.filters = filters
            for v in Vocabulary.allCases {
                var codes = filters.codes(v)
                if v == .area, !codes.isEmpty { codes += ["banes-wide", "national"] }
                if !codes.isEmpty { required.append(table.set(codes)) }
            }
        }
    }

    func passes(_ doc: Int, _ plan: FilterPlan) -> Bool {
        let s = services[doc]
        guard plan.filters.statuses.contains(s.status) else { return false }
        let set = codeSets[doc]
        for r in plan.required where !set.intersects(r) { return false }
        if let age = plan.filters.age, !s.eligibility.admits(age: age) { return false }
        if let now = plan.filters.openAt, s.hours.isOpen(at: now) != true { return false }
        if let day = plan.filters.openOn, !s.schedules.contains(where: { $0.occurs(on: day) }) { return false }
        return true
    }

    /// As-you-type search: the last word is matched as a prefix unless the text ends in a space.
    public func search(_ text: String, filters: SearchFilters = SearchFilters(), limit: Int = 50) -> SearchResult {
        let plan = FilterPlan(filters, table: codeTable)
        let words = normaliser.words(text)
        let prefixLast = !(text.last?.isWhitespace ?? true) && !words.isEmpty

        if words.isEmpty {
            var docs = (0..<count).filter { passes($0, plan) }
            let facets = facetCounts(docs)
            docs.sort { services[$0].name < services[$1].name }
            return SearchResult(query: text, total: docs.count, hits: docs.prefix(limit).map { SearchHit(doc: $0, score: 0, fuzzy: false) },
                                facets: facets, understood: [])
        }

        let understood = lexicon.find(in: words)
        var units: [Unit] = []
        var consumed = Set<Int>()
        for hit in understood {
            consumed.formUnion(hit.range)
            var u = Unit()
            for (code, w) in hit.codes { for d in docs(withCode: code) { u.add(Int(d), Float(w) * 2.5, exact: true) } }
            for i in hit.range where !StopWords.contains(words[i]) { addWord(words[i], into: &u, prefix: false, exactWeight: 0.5) }
            units.append(u)
        }
        for (i, w) in words.enumerated() where !consumed.contains(i) {
            let isLast = i == words.count - 1
            if StopWords.contains(w), !(isLast && prefixLast && units.isEmpty) { continue }
            var u = Unit()
            addWord(w, into: &u, prefix: isLast && prefixLast, exactWeight: 1)
            units.append(u)
        }
        guard !units.isEmpty else {
            return SearchResult(query: text, total: 0, hits: [], facets: [:], understood: understood)
        }

        // Combine units: a service must match all of one or two, and nearly all of a longer query.
        var score = [Float](repeating: 0, count: count)
        var matched = [UInt8](repeating: 0, count: count)
        var exact = [UInt8](repeating: 0, count: count)
        for u in units {
            for (doc, s) in u.scores {
                score[doc] += s
                matched[doc] &+= 1
                if u.exact.contains(doc) { exact[doc] &+= 1 }
            }
        }
        let required = units.count <= 2 ? units.count : units.count - 1 - units.count / 4
        var docs: [Int] = []
        for doc in 0..<count where matched[doc] >= required && passes(doc, plan) { docs.append(doc) }
        let facets = facetCounts(docs)
        // An exact match always outranks a fuzzy one: rank by words matched, then exact words, then score.
        docs.sort { a, b in
            if matched[a] != matched[b] { return matched[a] > matched[b] }
            if exact[a] != exact[b] { return exact[a] > exact[b] }
            if score[a] != score[b] { return score[a] > score[b] }
            return services[a].name < services[b].name
        }
        let hits = docs.prefix(limit).map { SearchHit(doc: $0, score: Double(score[$0]), fuzzy: exact[$0] < matched[$0]) }
        return SearchResult(query: text, total: docs.count, hits: hits, facets: facets, understood: understood)
    }

    /// One word (or phrase) of the query: which services match it, and how well.
    struct Unit {
        var scores: [Int: Float] = [:]
        var exact = Set<Int>()
        mutating func add(_ doc: Int, _ s: Float, exact isExact: Bool) {
            scores[doc] = max(scores[doc] ?? 0, 0) + s
            if isExact { exact.insert(doc) }
        }
    }

    func addPostings(_ term: Int32, weight: Float, exact: Bool, into u: inout Unit) {
        let w = idf[Int(term)] * weight
        for p in postings[Int(term)] { u.add(Int(p.doc), w * p.impact, exact: exact) }
    }

    /// Adds a word's matches: exact term, else prefix expansions (as you type), else typo-tolerant ones.
    func addWord(_ word: String, into u: inout Unit, prefix: Bool, exactWeight: Float) {
        let exactTerm = term(word)
        if let t = exactTerm { addPostings(t, weight: exactWeight, exact: true, into: &u) }
        if prefix {
            var seen = Set<Int32>(exactTerm.map { [$0] } ?? [])
            for idx in prefixMatches(word) {
                let t = surfaceTerms[idx]
                guard seen.insert(t).inserted else { continue }
                // A completion counts as typed: "demen" is dementia, not a guess.
                addPostings(t, weight: exactWeight * 0.8, exact: true, into: &u)
            }
            if seen.count > (exactTerm == nil ? 0 : 1) { return }
        }
        if exactTerm == nil {
            for (t, d) in fuzzyMatches(word) { addPostings(t, weight: exactWeight * (d == 1 ? 0.4 : 0.25), exact: false, into: &u) }
        }
    }

    public func facetCounts(_ docs: [Int]) -> [String: Int] {
        var counts = [Int](repeating: 0, count: codeTable.codes.count)
        for d in docs { codeSets[d].forEach { counts[$0] += 1 } }
        var out: [String: Int] = [:]
        for (i, n) in counts.enumerated() where n > 0 { out[codeTable.codes[i]] = n }
        return out
    }
}
