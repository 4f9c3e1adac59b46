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
    /// Only services of these organisations (by id).
    public var providers: [String] = []

    public init() {}

    public var isEmpty: Bool { self == SearchFilters() }

    public func codes(_ v: Vocabulary) -> [String] {
        switch v {
        case .condition: return conditions
        case .function: return functions
        case .transport: return transport
        case .audience: return audience
        case .referral: return referral
        case .cost: return cost
        case .area: return area.map { [$0] } ?? []
        case .eligibility: return []
        }
    }
}

public struct SearchHit: Sendable {
    public let doc: Int
    public let score: Double
    /// True when some word matched only through typo tolerance.
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

/// Per-query score sheets, dense over all services, touched only where postings point.
public final class Accumulator {
    public private(set) var score: [Float]
    var matched: [UInt8]
    var exact: [UInt8]
    var lastUnit: [Int32]
    var lastExact: [Int32]
    /// Services with any match, in the order first seen.
    public private(set) var touched: [Int32] = []
    var unit: Int32 = 0

    init(count: Int) {
        score = [Float](repeating: 0, count: count)
        matched = [UInt8](repeating: 0, count: count)
        exact = [UInt8](repeating: 0, count: count)
        lastUnit = [Int32](repeating: 0, count: count)
        lastExact = [Int32](repeating: 0, count: count)
    }

    func beginUnit() { unit += 1 }

    @inline(__always)
    func add(_ doc: Int, _ s: Float, exact isExact: Bool) {
        score[doc] += s
        if lastUnit[doc] != unit {
            if matched[doc] == 0 { touched.append(Int32(doc)) }
            lastUnit[doc] = unit
            matched[doc] &+= 1
        }
        if isExact, lastExact[doc] != unit {
            lastExact[doc] = unit
            exact[doc] &+= 1
        }
    }

    public var maxScore: Float { touched.reduce(0) { max($0, score[Int($1)]) } }

    /// Adds a whole postings list. The score sheets are borrowed once for the list, not once
    /// per posting: at 100,000 services the per-access exclusivity checks were a third of a keystroke.
    func add(docs: UnsafeBufferPointer<Int32>, impacts: UnsafeBufferPointer<UInt16>, weight: Float, exact isExact: Bool) {
        let weight = weight / SearchIndex.impactScale
        let unit = self.unit
        var newlyTouched: [Int32] = []
        score.withUnsafeMutableBufferPointer { score in
            matched.withUnsafeMutableBufferPointer { matched in
                lastUnit.withUnsafeMutableBufferPointer { lastUnit in
                    exact.withUnsafeMutableBufferPointer { exact in
                        lastExact.withUnsafeMutableBufferPointer { lastExact in
                            for k in docs.indices {
                                let doc = Int(docs[k])
                                score[doc] += weight * Float(impacts[k])
                                if lastUnit[doc] != unit {
                                    if matched[doc] == 0 { newlyTouched.append(docs[k]) }
                                    lastUnit[doc] = unit
                                    matched[doc] &+= 1
                                }
                                if isExact, lastExact[doc] != unit {
                                    lastExact[doc] = unit
                                    exact[doc] &+= 1
                                }
                            }
                        }
                    }
                }
            }
        }
        touched += newlyTouched
    }
}

extension SearchIndex {
    /// Compiled filters: code sets per vocabulary, checked with bit operations.
    struct FilterPlan {
        var required: [CodeSet] = []
        /// The area rule (`AreaRule`): the service's area codes, and those that admit the chosen area.
        var areaMask = CodeSet()
        var areaAccept: CodeSet?
        var filters: SearchFilters
        var onlyActive: Bool

        init(_ filters: SearchFilters, table: CodeTable, taxonomy: Taxonomy) {
            self.filters = filters
            self.onlyActive = filters.statuses == [.active]
            for v in Vocabulary.allCases where v != .area {
                let codes = filters.codes(v)
                if !codes.isEmpty { required.append(table.set(codes)) }
            }
            if let area = filters.area {
                areaMask = table.set(taxonomy.terms(.area).map(\.code))
                areaAccept = table.set(AreaRule.accepting(area))
            }
        }
    }

    func passes(_ doc: Int, _ plan: FilterPlan) -> Bool {
        if plan.onlyActive { if status[doc] != .active { return false } } else if !plan.filters.statuses.contains(status[doc]) { return false }
        let set = codeSets[doc]
        for r in plan.required where !set.intersects(r) { return false }
        if let accept = plan.areaAccept, !AreaRule.serves(areas: CodeSet.intersection(set, plan.areaMask), accept: accept) { return false }
        if let age = plan.filters.age, !AgeRule.admits(age, min: minAge[doc], max: maxAge[doc]) { return false }
        if let now = plan.filters.openAt, services[doc].hours.isOpen(at: now) != true { return false }
        if let day = plan.filters.openOn, !services[doc].schedules.contains(where: { $0.occurs(on: day) }) { return false }
        if !plan.filters.providers.isEmpty, !plan.filters.providers.contains(services[doc].organisationID) { return false }
        return true
    }

    /// As-you-type search: the last word is matched as a prefix unless the text ends in a space.
    public func search(_ text: String, filters: SearchFilters = SearchFilters(), limit: Int = 50) -> SearchResult {
        let plan = FilterPlan(filters, table: codeTable, taxonomy: taxonomy)
        let words = normaliser.words(text)
        let prefixLast = !(text.last?.isWhitespace ?? true) && !words.isEmpty

        if words.isEmpty {
            var docs = (0..<count).filter { passes($0, plan) }
            let facets = facetCounts(docs)
            docs.sort { (services[$0].name, $0) < (services[$1].name, $1) }
            return SearchResult(query: text, total: docs.count, hits: docs.prefix(limit).map { SearchHit(doc: $0, score: 0, fuzzy: false) },
                                facets: facets, understood: [])
        }

        let understood = lexicon.find(in: words)
        let acc = Accumulator(count: count)
        var units = 0
        var consumed = Set<Int>()
        for hit in understood {
            consumed.formUnion(hit.range)
            acc.beginUnit(); units += 1
            for (code, w) in hit.codes { for d in docs(withCode: code) { acc.add(Int(d), Float(w) * 2.5, exact: true) } }
            for i in hit.range where !StopWords.contains(words[i]) { addWord(words[i], into: acc, prefix: false, exactWeight: 0.5) }
        }
        for (i, w) in words.enumerated() where !consumed.contains(i) {
            let isLast = i == words.count - 1
            if StopWords.contains(w), !(isLast && prefixLast && units == 0) { continue }
            acc.beginUnit(); units += 1
            addWord(w, into: acc, prefix: isLast && prefixLast, exactWeight: 1)
        }
        guard units > 0 else { return SearchResult(query: text, total: 0, hits: [], facets: [:], understood: understood) }

        // A service must match every word of a short query, and nearly every word of a long one.
        let required = units <= 2 ? units : units - 1 - units / 4
        var docs: [Int] = []
        for d in acc.touched where Int(acc.matched[Int(d)]) >= required && passes(Int(d), plan) { docs.append(Int(d)) }
        let facets = facetCounts(docs)
        // An exact match always outranks a fuzzy one: rank by words matched, then exact words, then score.
        let top = TopK.select(docs, limit: limit) { a, b in
            if acc.matched[a] != acc.matched[b] { return acc.matched[a] > acc.matched[b] }
            if acc.exact[a] != acc.exact[b] { return acc.exact[a] > acc.exact[b] }
            if acc.score[a] != acc.score[b] { return acc.score[a] > acc.score[b] }
            return a < b
        }
        let hits = top.map { SearchHit(doc: $0, score: Double(acc.score[$0]), fuzzy: acc.exact[$0] < acc.matched[$0]) }
        return SearchResult(query: text, total: docs.count, hits: hits, facets: facets, understood: understood)
    }

    func addPostings(_ term: Int32, weight: Float, exact: Bool, into acc: Accumulator) {
        let w = idf[Int(term)] * weight
        postingDocs[Int(term)].withUnsafeBufferPointer { docs in
            postingImpacts[Int(term)].withUnsafeBufferPointer { impacts in acc.add(docs: docs, impacts: impacts, weight: w, exact: exact) }
        }
    }

    /// Adds a word's matches: exact term, else prefix completions (as you type), else typo-tolerant ones.
    func addWord(_ word: String, into acc: Accumulator, prefix: Bool, exactWeight: Float) {
        let exactTerm = term(word)
        if let t = exactTerm { addPostings(t, weight: exactWeight, exact: true, into: acc) }
        if prefix {
            var seen = Set<Int32>(exactTerm.map { [$0] } ?? [])
            let completions = prefixMatches(word)
            // The likeliest completion is the commonest: "dem" means dementia far more often than demonstration.
            let maxDF = Float(completions.map { postingDocs[Int(surfaceTerms[$0])].count }.max() ?? 1)
            for idx in completions {
                let t = surfaceTerms[idx]
                guard seen.insert(t).inserted else { continue }
                // A completion counts as typed: "demen" is dementia, not a guess.
                let share = Float(postingDocs[Int(t)].count) / maxDF
                addPostings(t, weight: exactWeight * 0.8 * share, exact: true, into: acc)
            }
            if seen.count > (exactTerm == nil ? 0 : 1) { return }
        }
        if exactTerm == nil {
            for (t, d) in fuzzyMatches(word) { addPostings(t, weight: exactWeight * (d == 1 ? 0.4 : 0.25), exact: false, into: acc) }
        }
    }

    /// Code → services among `docs` carrying it. For the five areas the count is what the
    /// area filter would give: services serving the area, B&NES-wide or nationally.
    public func facetCounts(_ docs: [Int]) -> [String: Int] {
        var counts = [Int](repeating: 0, count: codeTable.codes.count)
        let forum = AreaRule.forum.compactMap { codeTable.bit($0) }
        let wide = codeTable.set(AreaRule.everywhere)
        let areaMask = codeTable.set(taxonomy.terms(.area).map(\.code))
        for d in docs {
            let set = codeSets[d]
            set.forEach { counts[$0] += 1 }
            if set.intersects(wide) || !set.intersects(areaMask) { for bit in forum where !set.contains(bit) { counts[bit] += 1 } }
        }
        var out: [String: Int] = [:]
        for (i, n) in counts.enumerated() where n > 0 { out[codeTable.codes[i]] = n }
        return out
    }
}

/// The best `limit` items in order, without sorting everything.
enum TopK {
    static func select(_ items: [Int], limit: Int, by better: (Int, Int) -> Bool) -> [Int] {
        guard limit > 0 else { return [] }
        if items.count <= limit * 4 { return Array(items.sorted(by: better).prefix(limit)) }
        var top: [Int] = []
        top.reserveCapacity(limit + 1)
        for x in items {
            if top.count == limit, !better(x, top[limit - 1]) { continue }
            var lo = 0, hi = top.count
            while lo < hi { let mid = (lo + hi) / 2; if better(top[mid], x) { lo = mid + 1 } else { hi = mid } }
            top.insert(x, at: lo)
            if top.count > limit { top.removeLast() }
        }
        return top
    }
}
