import Foundation

/// An in-memory inverted index over the directory, with fielded BM25 (BM25F).
///
/// Built once when a directory is opened; every query afterwards touches only the
/// postings of its own terms, so as-you-type search stays well under a millisecond on
/// the bundled directory.
public final class SearchIndex: @unchecked Sendable {
    public let services: [Service]
    public let organisationNames: [String]
    public let codeTable: CodeTable
    public let taxonomy: Taxonomy
    public let lexicon: Lexicon
    public let codeSets: [CodeSet]
    let normaliser = Normaliser()

    // Terms
    let termIDs: [String: Int32]
    /// For each term, the services that have it and the saturated weight of the term in each,
    /// kept as two lists (a 16-bit weight is plenty, and saves a quarter of the index).
    let postingDocs: [[Int32]]
    let postingImpacts: [[UInt16]]
    let idf: [Float]
    /// Normalised (unstemmed) words in sorted order, with the term each stems to: for prefixes and typos.
    let surfaceWords: [String]
    let surfaceTerms: [Int32]
    let surfaceByLength: [Int: [Int32]]
    /// Documents carrying each code bit.
    let codeDocs: [[Int32]]
    /// Physical points of each service.
    public let points: [[Coordinate]]
    // Compact per-service facts, so that filters and scoring never copy a whole `Service`.
    public let status: [ServiceStatus]
    let minAge: [Int16]
    let maxAge: [Int16]

    /// Whether a person of this age may use the service, by the age rule (`AgeRule`, its one home).
    public func admits(_ doc: Int, age: Int) -> Bool { AgeRule.admits(age, min: minAge[doc], max: maxAge[doc]) }
    /// Day number of the last verification, or Int32.min.
    let assuredDay: [Int32]
    /// Services with fixed hours whose every schedule has ended.
    let hoursEnded: [Bool]
    let organisationIndex: [Int32]
    /// Cache of prefix expansions (prefix → surface indices), filled as people type.
    private let prefixCache = PrefixCache()

    /// Impacts are tf/(k1+tf), in (0, 1): stored as fractions of 65,535.
    static let impactScale: Float = 65_535

    /// Field weights and length normalisation: a word in the name counts three times one in the description.
    static let fields: [(weight: Float, b: Float)] = [(3.0, 0.5), (2.0, 0.3), (1.0, 0.75), (1.5, 0.3), (0.8, 0.5), (1.0, 0.3)]
    static let k1: Float = 1.2

    public init(services: [Service], organisationNames names: [String: String], taxonomy: Taxonomy, lexicon: Lexicon) {
        self.services = services
        self.taxonomy = taxonomy
        self.lexicon = lexicon
        let table = CodeTable(taxonomy: taxonomy)
        self.codeTable = table
        self.organisationNames = services.map { names[$0.organisationID] ?? "" }

        // 1. Words of every field, on every core: each worker numbers the words it meets itself,
        // and keeps every service's term ids in one flat array with six field ends per service.
        let n = services.count
        let fieldCount = SearchIndex.fields.count
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, n / 2000))
        struct Part { var words: [String] = []; var ids: [Int32] = []; var ends: [Int32] = []; var codeSets: [CodeSet] = []; var points: [[Coordinate]] = [] }
        let partResults = LockedSlots<Part>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let normaliser = Normaliser()
            // Stop words are in the table too, as -1, so each word costs one lookup.
            var local: [String: Int32] = Dictionary(uniqueKeysWithValues: StopWords.list.map { ($0, -1) })
            var result = Part()
            for i in (n * part / parts)..<(n * (part + 1) / parts) {
                let (texts, codes) = SearchIndex.fieldTexts(services[i], names: names, table: table, taxonomy: taxonomy)
                result.codeSets.append(codes)
                result.points.append(services[i].physicalLocations.compactMap(\.coordinate))
                for text in texts {
                    // Very long fields are indexed in part: a 5 MB description must not stall the index.
                    normaliser.forEachWord(text.utf8.count > 20_000 ? String(text.prefix(20_000)) : text) { w in
                        if let id = local[w] {
                            if id >= 0 { result.ids.append(id) }
                        } else {
                            let id = Int32(result.words.count)
                            local[w] = id
                            result.words.append(w)
                            result.ids.append(id)
                        }
                    }
                    result.ends.append(Int32(result.ids.count))
                }
            }
            partResults.set(part, result)
        }

        // 2. One vocabulary: surface words and the terms they stem to.
        let normaliser = Normaliser()
        var termIDs: [String: Int32] = [:]
        var surface: [String: Int32] = [:]
        var termCount: Int32 = 0
        var allParts = partResults.values.compactMap { $0 }
        for p in allParts.indices {
            let remap: [Int32] = allParts[p].words.map { w in
                if let t = surface[w] { return t }
                let stem = normaliser.term(w)
                let t: Int32
                if let existing = termIDs[stem] { t = existing } else { t = termCount; termIDs[stem] = t; termCount += 1 }
                surface[w] = t
                return t
            }
            allParts[p].ids.withUnsafeMutableBufferPointer { ids in for i in ids.indices { ids[i] = remap[Int(ids[i])] } }
        }

        var fieldLengthSum = [Float](repeating: 0, count: fieldCount)
        for part in allParts {
            var start: Int32 = 0
            for (k, end) in part.ends.enumerated() { fieldLengthSum[k % fieldCount] += Float(end - start); start = end }
        }
        let avg = fieldLengthSum.map { n > 0 ? max(1, $0 / Float(n)) : 1 }

        // 3. Postings: each service's BM25F weight for each of its terms, from a dense scratch row.
        var postingDocs = [[Int32]](repeating: [], count: Int(termCount))
        var postingImpacts = [[UInt16]](repeating: [], count: Int(termCount))
        var tf = [Float](repeating: 0, count: Int(termCount))
        var seen: [Int32] = []
        var doc = 0
        var codeSets: [CodeSet] = []
        var points: [[Coordinate]] = []
        codeSets.reserveCapacity(n)
        points.reserveCapacity(n)
        for part in allParts {
            codeSets += part.codeSets
            points += part.points
            var start = 0
            for (k, e) in part.ends.enumerated() {
                let end = Int(e)
                let (w, b) = SearchIndex.fields[k % fieldCount]
                let norm = w / (1 - b + b * Float(end - start) / avg[k % fieldCount])
                for i in start..<end {
                    let id = Int(part.ids[i])
                    if tf[id] == 0 { seen.append(Int32(id)) }
                    tf[id] += norm
                }
                start = end
                if k % fieldCount == fieldCount - 1 {
                    for id in seen {
                        let t = tf[Int(id)]
                        postingDocs[Int(id)].append(Int32(doc))
                        postingImpacts[Int(id)].append(UInt16(min(SearchIndex.impactScale, (t / (SearchIndex.k1 + t) * SearchIndex.impactScale).rounded())))
                        tf[Int(id)] = 0
                    }
                    seen.removeAll(keepingCapacity: true)
                    doc += 1
                }
            }
        }
        self.idf = postingDocs.map { p in
            let df = Float(p.count)
            return log(1 + (Float(n) - df + 0.5) / (df + 0.5))
        }
        // Appending grew each list to up to twice its length; keep exactly what is used (about a
        // quarter of the index's memory at 100,000 services).
        SearchIndex.trim(&postingDocs)
        SearchIndex.trim(&postingImpacts)
        self.postingDocs = postingDocs
        self.postingImpacts = postingImpacts
        self.termIDs = termIDs
        let sortedSurface = surface.sorted { $0.key < $1.key }
        self.surfaceWords = sortedSurface.map(\.key)
        self.surfaceTerms = sortedSurface.map(\.value)
        var byLength: [Int: [Int32]] = [:]
        for (i, w) in surfaceWords.enumerated() { byLength[w.utf8.count, default: []].append(Int32(i)) }
        self.surfaceByLength = byLength
        var codeDocs = [[Int32]](repeating: [], count: table.codes.count)
        for (doc, set) in codeSets.enumerated() { set.forEach { codeDocs[$0].append(Int32(doc)) } }
        SearchIndex.trim(&codeDocs)
        self.codeDocs = codeDocs
        self.codeSets = codeSets
        self.points = points
        self.status = services.map(\.status)
        self.minAge = services.map { Int16(clamping: $0.eligibility.minimumAge ?? -1) }
        self.maxAge = services.map { Int16(clamping: $0.eligibility.maximumAge ?? Int(Int16.max)) }
        self.assuredDay = services.map { $0.assuredDate.map { Int32($0.dayNumber) } ?? Int32.min }
        self.hoursEnded = services.map { s in
            let timed = s.schedules.filter(\.hasHours)
            return !timed.isEmpty && timed.allSatisfy { $0.validTo != nil }
        }
        #if os(Linux)
        // Building leaves tens of megabytes of freed scratch (word tables, id arrays) in the
        // allocator; hand it back so the resident size is what the index really holds.
        _ = waymarkMallocTrim(0)
        #endif
        var orgNumbers: [String: Int32] = [:]
        self.organisationIndex = services.map { s in
            if let n = orgNumbers[s.organisationID] { return n }
            let n = Int32(orgNumbers.count); orgNumbers[s.organisationID] = n; return n
        }
    }

    /// Whether every timed schedule of the service ended before `day`.
    func hoursHaveEnded(_ doc: Int, before day: LocalDate) -> Bool {
        guard hoursEnded[doc] else { return false }
        return services[doc].schedules.filter(\.hasHours).allSatisfy { ($0.validTo ?? day) < day }
    }

    /// Months since the record was checked, when more than 12.
    func staleMonths(_ doc: Int, today: LocalDate) -> Int? {
        guard assuredDay[doc] != Int32.min else { return nil }
        return ServiceCard.staleMonths(assured: LocalDate(dayNumber: Int(assuredDay[doc])), today: today)
    }

    func has(_ doc: Int, _ code: String) -> Bool {
        guard let bit = codeTable.bit(code) else { return false }
        return codeSets[doc].contains(bit)
    }

    /// Gives each list exactly the capacity it uses.
    static func trim<T>(_ lists: inout [[T]]) {
        for i in lists.indices where lists[i].capacity > lists[i].count {
            let list = lists[i]
            lists[i] = Array(unsafeUninitializedCapacity: list.count) { buffer, count in
                _ = buffer.initialize(from: list)
                count = list.count
            }
        }
    }

    /// The six indexed fields of a service (name, taxonomy labels, description, organisation,
    /// eligibility, location) and its codes as bits, in one pass over its terms.
    static func fieldTexts(_ s: Service, names: [String: String], table: CodeTable, taxonomy: Taxonomy) -> ([String], CodeSet) {
        var codes = CodeSet()
        var labels = ""
        for t in s.terms {
            if let bit = table.bit(t.code), table.vocabularies[bit].rawValue == t.taxonomy {
                codes.insert(bit)
                switch table.vocabularies[bit] {
                case .condition, .function, .transport, .audience: labels += taxonomy.label(t.code) + " "
                default: break
                }
            } else {
                labels += t.code + " " + (t.name ?? "") + " "
            }
        }
        var locationText = ""
        for l in s.locations {
            for part in [l.location.name, l.location.address?.city, l.location.address?.postcode] { if let part { locationText += part + " " } }
        }
        let eligibility = (s.eligibility.description ?? "") + " " + (s.eligibility.ageSummary ?? "")
        return ([s.name, labels, s.description, names[s.organisationID] ?? "", eligibility, locationText], codes)
    }

    public convenience init(directory: Directory, taxonomy: Taxonomy, lexicon: Lexicon) {
        self.init(services: directory.services, organisationNames: directory.organisationNames, taxonomy: taxonomy, lexicon: lexicon)
    }

    public var count: Int { services.count }
    public var vocabularySize: Int { postingDocs.count }

    // MARK: Term lookups

    /// Surface-word indices starting with `prefix`, most common first, at most `limit`.
    func prefixMatches(_ prefix: String, limit: Int = 40) -> [Int] {
        if let cached = prefixCache.get(prefix) { return cached }
        var lo = 0, hi = surfaceWords.count
        while lo < hi { let mid = (lo + hi) / 2; if surfaceWords[mid] < prefix { lo = mid + 1 } else { hi = mid } }
        var out: [Int] = []
        var i = lo
        while i < surfaceWords.count, surfaceWords[i].hasPrefix(prefix) { out.append(i); i += 1 }
        // One or two letters match hundreds of words: only the commonest few are likely meant.
        let limit = prefix.count <= 2 ? min(limit, 12) : limit
        if out.count > limit {
            out.sort { postingDocs[Int(surfaceTerms[$0])].count > postingDocs[Int(surfaceTerms[$1])].count }
            out = Array(out.prefix(limit))
        }
        prefixCache.set(prefix, out)
        return out
    }

    /// Terms within the allowed edit distance of a word (1 for 4+ letters, 2 for 8+), with their distance.
    func fuzzyMatches(_ word: String) -> [(term: Int32, distance: Int)] {
        let len = word.utf8.count
        guard len >= 4 else { return [] }
        let allowed = len >= 8 ? 2 : 1
        var best: [Int32: Int] = [:]
        var query = Array(word.utf8)
        query.withUnsafeMutableBufferPointer { q in
            for l in (len - allowed)...(len + allowed) {
                for idx in surfaceByLength[l] ?? [] {
                    var candidate = surfaceWords[Int(idx)]
                    let d = candidate.withUTF8 { EditDistance.damerau(UnsafeBufferPointer(q), $0, limit: allowed) }
                    if d >= 1, d <= allowed {
                        let t = surfaceTerms[Int(idx)]
                        best[t] = min(best[t] ?? 99, d)
                    }
                }
            }
        }
        return best.map { ($0.key, $0.value) }
    }

    public func term(_ word: String) -> Int32? { termIDs[normaliser.term(word)] }

    /// Whether a word is known to the directory, exactly or within one typo.
    public func knows(_ word: String) -> Bool {
        term(word) != nil || !fuzzyMatches(word).isEmpty
    }

    func docs(withCode code: String) -> [Int32] {
        guard let bit = codeTable.bit(code) else { return [] }
        return codeDocs[bit]
    }
}

/// A small thread-safe cache of prefix expansions.
final class PrefixCache: @unchecked Sendable {
    private let lock = NSLock()
    private var store: [String: [Int]] = [:]
    func get(_ k: String) -> [Int]? { lock.lock(); defer { lock.unlock() }; return store[k] }
    func set(_ k: String, _ v: [Int]) {
        lock.lock(); defer { lock.unlock() }
        if store.count > 5000 { store.removeAll() }
        store[k] = v
    }
}

extension SearchIndex {
    /// BM25 relevance of every service to any of the words (OR), typos forgiven.
    public func relevance(words: [String]) -> Accumulator {
        let acc = Accumulator(count: count)
        for w in words where !StopWords.contains(w) {
            acc.beginUnit()
            addWord(w, into: acc, prefix: false, exactWeight: 1)
        }
        return acc
    }
}

/// Slots written by concurrent workers, one each.
final class LockedSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: T) { lock.lock(); slots[i] = v; lock.unlock() }
    var values: [T?] { lock.lock(); defer { lock.unlock() }; return slots }
}

#if os(Linux)
/// glibc's malloc_trim, which the Glibc module does not export.
@_silgen_name("malloc_trim") func waymarkMallocTrim(_ pad: Int) -> Int32
#endif
