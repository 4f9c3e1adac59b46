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
    /// Below the divider: it matched some word only through a generic word or a weak expansion
    /// ("memory cafe" → a lunch club tagged company and community). Shown, not counted as found.
    public var related = false
}

public struct SearchResult: Sendable {
    public let query: String
    public let total: Int
    public let hits: [SearchHit]
    /// Code → number of matching services, for "dementia (23)".
    public let facets: [String: Int]
    /// Everyday phrases recognised in the query.
    public let understood: [Lexicon.Hit]
    /// Results below the divider (`SearchHit.related`), not in `total`.
    public var related = 0
    /// A place named in the query ("lunch club radstock"), read as the area filter.
    public var place: PlaceMatch?

    /// What the divider means, for people and for JSON.
    public static let dividerMeaning = "below the line: matched only through a generic word or a loose reading of the words; not counted as found"
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
    func add(docs: UnsafeBufferPointer<Int32>, impacts: UnsafeBufferPointer<UInt16>, weight: Float, exact isExact: Bool, counting: Bool = true) {
        let weight = weight / SearchIndex.impactScale
        guard counting else {
            // Score only: a boost that is not a word the service must match.
            for k in docs.indices where matched[Int(docs[k])] > 0 { score[Int(docs[k])] += weight * Float(impacts[k]) }
            return
        }
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
        if !plan.filters.providers.isEmpty, !plan.filters.providers.contains(organisationID(doc)) { return false }
        return true
    }

    /// As-you-type search: the last word is matched as a prefix unless the text ends in a space.
    public func search(_ text: String, filters: SearchFilters = SearchFilters(), limit: Int = 50) -> SearchResult {
        search(text, filters: filters, limit: limit, places: nil)
    }

    /// `places` reads a place named in the words ("walking group bath") as the area filter,
    /// when no area is chosen.
    public func search(_ text: String, filters: SearchFilters = SearchFilters(), limit: Int = 50, places: Gazetteer?) -> SearchResult {
        var filters = filters
        var words = normaliser.words(text)
        var place: PlaceMatch?
        var placeWords: [String] = []
        if filters.area == nil, let places, let found = SearchIndex.placeInQuery(words, places, isWord: { term($0) != nil }) {
            place = found.match
            placeWords = Array(words[found.range])
            words.removeSubrange(found.range)
            filters.area = found.match.area
            if filters.near == nil { filters.near = found.match.coordinate }
        }
        let plan = FilterPlan(filters, table: codeTable, taxonomy: taxonomy)
        let prefixLast = !(text.last?.isWhitespace ?? true) && !words.isEmpty && placeWords.isEmpty

        if words.isEmpty {
            var docs = (0..<count).filter { passes($0, plan) }
            let facets = facetCounts(docs)
            docs.sort { nameRank[$0] < nameRank[$1] }
            return SearchResult(query: text, total: docs.count, hits: docs.prefix(limit).map { SearchHit(doc: $0, score: 0, fuzzy: false) },
                                facets: facets, understood: [])
        }

        if words.isEmpty {
            // Only a place: everything serving it.
            var docs = (0..<count).filter { passes($0, plan) }
            let facets = facetCounts(docs)
            docs.sort { (services[$0].name, $0) < (services[$1].name, $1) }
            var r = SearchResult(query: text, total: docs.count, hits: docs.prefix(limit).map { SearchHit(doc: $0, score: 0, fuzzy: false) },
                                 facets: facets, understood: [])
            r.place = place
            return r
        }

        // A phrase with no codes ("memory stick") only keeps a shorter one from matching; searched, its words are plain words.
        let understood = lexicon.find(in: words).filter { !$0.codes.isEmpty }
        let acc = Accumulator(count: count)
        // Units each service matched strongly: by a specific word of its own text, or by the
        // strongest code of an everyday phrase. The rest sit below the divider.
        let strong = Accumulator(count: count)
        let genericLimit = Int(Float(count) * SearchRanking.genericShare)
        var units = 0
        var consumed = Set<Int>()
        for hit in understood {
            consumed.formUnion(hit.range)
            acc.beginUnit(); strong.beginUnit(); units += 1
            let top = hit.codes.values.max() ?? 0
            for (code, w) in hit.codes {
                let isStrong = w >= top * SearchRanking.strongExpansion
                for d in docs(withCode: code) {
                    acc.add(Int(d), Float(w) * SearchRanking.expansionWeight, exact: true)
                    if isStrong { strong.add(Int(d), 0, exact: true) }
                }
            }
            for i in hit.range where !StopWords.contains(words[i]) {
                addWord(words[i], into: acc, prefix: false, exactWeight: SearchRanking.phraseWordWeight)
                if documentFrequency(words[i]) <= genericLimit { addWord(words[i], into: strong, prefix: false, exactWeight: 0) }
            }
        }
        let contentWords = words.enumerated().filter { !consumed.contains($0.offset) && !StopWords.contains($0.element) }
        let allGeneric = understood.isEmpty && contentWords.allSatisfy { documentFrequency($0.element) > genericLimit }
        // Units that can be matched strongly: every phrase, and every word that is not generic.
        var specificUnits = understood.count
        for (i, w) in words.enumerated() where !consumed.contains(i) {
            let isLast = i == words.count - 1
            if StopWords.contains(w), !(isLast && prefixLast && units == 0) { continue }
            acc.beginUnit(); strong.beginUnit(); units += 1
            addWord(w, into: acc, prefix: isLast && prefixLast, exactWeight: 1)
            // A generic word ("group", "support") counts as found only when the query has nothing more specific.
            if allGeneric || isLast && prefixLast || documentFrequency(w) <= genericLimit {
                addWord(w, into: strong, prefix: isLast && prefixLast, exactWeight: 0)
                specificUnits += 1
            }
        }
        guard units > 0 else { return SearchResult(query: text, total: 0, hits: [], facets: [:], understood: understood) }
        // The place's own words still help services that name it ("Radstock Lunch Club").
        for w in placeWords where !StopWords.contains(w) {
            acc.beginUnit()
            if let t = term(w) { addPostings(t, weight: SearchRanking.placeWordWeight, exact: false, into: acc, counting: false) }
        }

        // A service must match every word of a short query, and nearly every word of a long one.
        let required = units <= 2 ? units : units - 1 - units / 4
        var docs: [Int] = []
        for d in acc.touched where Int(acc.matched[Int(d)]) >= required && passes(Int(d), plan) { docs.append(Int(d)) }
        let strongRequired = min(required, specificUnits)
        let isStrong = { (d: Int) in Int(strong.matched[d]) >= strongRequired }
        let found = docs.filter(isStrong)
        let facets = facetCounts(found)
        // Found before related; an exact match always outranks a fuzzy one: rank by words
        // matched, then exact words, then score.
        let top = TopK.select(docs, limit: limit) { a, b in
            let sa = isStrong(a), sb = isStrong(b)
            if sa != sb { return sa }
            if acc.matched[a] != acc.matched[b] { return acc.matched[a] > acc.matched[b] }
            if acc.exact[a] != acc.exact[b] { return acc.exact[a] > acc.exact[b] }
            if acc.score[a] != acc.score[b] { return acc.score[a] > acc.score[b] }
            return a < b
        }
        let hits = top.map { d -> SearchHit in
            var h = SearchHit(doc: d, score: Double(acc.score[d]), fuzzy: acc.exact[d] < acc.matched[d])
            h.related = !isStrong(d)
            return h
        }
        var result = SearchResult(query: text, total: found.count, hits: hits, facets: facets, understood: understood)
        result.related = docs.count - found.count
        result.place = place
        return result
    }

    /// How many services use a word: a word most services use says little about any of them.
    func documentFrequency(_ word: String) -> Int {
        guard let t = term(word) else { return 0 }
        return postingDocs[Int(t)].count
    }

    /// Words before a place that say it is one: "in Radstock", "near Keynsham".
    static let placePrepositions = ["in", "near", "around", "at"]
    /// A misspelt place name is read as the place only when it has at least this many letters.
    static let placeTypoMinLetters = 5

    /// A place named in the query, longest first, by its name or an alternative as the gazetteer
    /// folds them (case, punctuation, "saint" as "st"), or misspelt by one letter: a name of
    /// `placeTypoMinLetters` letters or more, after "in", "near", "around" or "at" or ending the
    /// query, with a word the directory does not use (`isWord`), so "prison" is never Priston.
    /// "Bath" is also a thing ("help getting in the bath"): it is read as the city only after
    /// "in", "near" or "around", or as the last word after a word that is not one of "the",
    /// "a", "my", "into", "of".
    static func placeInQuery(_ words: [String], _ places: Gazetteer, isWord: (String) -> Bool = { _ in true }) -> (match: PlaceMatch, range: Range<Int>)? {
        guard words.count >= 2 else { return nil }
        for length in stride(from: min(3, words.count - 1), through: 1, by: -1) {
            for start in stride(from: words.count - length, through: 0, by: -1) {
                let range = start..<(start + length)
                let phrase = words[range].joined(separator: " ")
                guard let m = places.resolve(phrase) else { continue }
                let key = Gazetteer.normalise(phrase)
                let names = [m.place.name] + m.place.alternatives
                switch m.how {
                case .name, .alternative:
                    guard names.contains(where: { Gazetteer.normalise($0) == key }) else { continue }
                case .typo:
                    let located = start > 0 && placePrepositions.contains(words[start - 1])
                    guard key.filter(\.isLetter).count >= placeTypoMinLetters, located || range.upperBound == words.count,
                          words[range].contains(where: { !isWord($0) }),
                          names.contains(where: { EditDistance.damerau(key, Gazetteer.normalise($0), limit: 1) <= 1 }) else { continue }
                default:
                    continue
                }
                if phrase == "bath" {
                    let before = start > 0 ? words[start - 1] : ""
                    let located = placePrepositions.contains(before)
                    let last = range.upperBound == words.count && !["the", "a", "my", "into", "of", "in", "bubble", "assisted"].contains(before)
                    guard located || last else { continue }
                }
                // "in Radstock": the preposition goes with the place.
                var r = range
                if start > 0, placePrepositions.contains(words[start - 1]) { r = (start - 1)..<range.upperBound }
                return (m, r)
            }
        }
        return nil
    }

    func addPostings(_ term: Int32, weight: Float, exact: Bool, into acc: Accumulator, counting: Bool = true) {
        let w = idf[Int(term)] * weight
        postingDocs[Int(term)].withDecoded { docs, impacts in acc.add(docs: docs, impacts: impacts, weight: w, exact: exact, counting: counting) }
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
        let forum = codeTable.set(AreaRule.forum)
        let wide = codeTable.set(AreaRule.everywhere)
        let areaMask = codeTable.set(taxonomy.terms(.area).map(\.code))
        var tally = BitCounts()
        for d in docs {
            var set = codeSets[d]
            // A service serving everywhere (or naming no area) counts once in every area.
            if set.intersects(wide) || !set.intersects(areaMask) { set.lo |= forum.lo; set.hi |= forum.hi }
            tally.add(set)
        }
        var out: [String: Int] = [:]
        for (i, n) in tally.counts().enumerated() where n > 0 && i < codeTable.codes.count { out[codeTable.codes[i]] = n }
        return out
    }
}

/// Search's ranking constants, named (fzf's way): a change is a decision, not a stray literal.
enum SearchRanking {
    /// A word used by more than this share of services is generic ("group", "support").
    static let genericShare: Float = 0.2
    /// A phrase's code is a strong reading when its weight is at least this share of the phrase's strongest.
    static let strongExpansion = 0.95
    /// A phrase's codes count this much against one word of text.
    static let expansionWeight: Float = 2.5
    /// The phrase's own words in a service's text.
    static let phraseWordWeight: Float = 0.5
    /// The place's own words in a service's text: a boost, never required.
    static let placeWordWeight: Float = 0.6
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
