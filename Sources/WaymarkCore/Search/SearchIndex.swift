import Foundation

/// An inverted index over the directory, with fielded BM25 (BM25F), read in place from an
/// `IndexImage`: the one stored beside the database (memory-mapped, nothing decoded at
/// start) or one just built in memory. Both are the same bytes read by the same code.
///
/// Every query touches only the postings of its own terms, and list, facets, filters and
/// ranking read compact per-service columns; a service's full record is decoded only when
/// it is shown (`services[doc]`).
public final class SearchIndex: @unchecked Sendable {
    public let image: IndexImage
    /// Full records, decoded one at a time on access.
    public let services: ServiceRecords
    /// The organisation name of each service.
    public let organisationNames: OrganisationNames
    public let codeTable: CodeTable
    public let taxonomy: Taxonomy
    public let lexicon: Lexicon
    let codeSets: Column<CodeSet>
    let normaliser = Normaliser()

    // Terms: stems sorted by bytes, a term's id being its rank.
    let terms: StringColumn
    let idf: Column<Float>
    /// For each term, the services that have it and the saturated weight of the term in each.
    let postingDocs: Postings
    /// Normalised (unstemmed) words in byte order, with the term each stems to: for prefixes and typos.
    let surfaceWords: StringColumn
    let surfaceTerms: Column<Int32>
    /// Surface-word indices grouped by byte length: those of length l are byLength[lengthStarts[l]..<lengthStarts[l+1]].
    /// Words with a digit (a house number, a postcode, a phone number, "Club 12345") are grouped
    /// at length 0, which the typo search never reads: 12345 is not a typo of 12346, and at
    /// 100,000 services the numbers in names were most of the five-letter words the search tried.
    let lengthStarts: Column<UInt32>
    let byLength: Column<Int32>
    /// Documents carrying each code bit.
    let codeDocs: CodeDocs
    /// Physical points of each service.
    public let points: PointColumn
    // Compact per-service facts, so that filters and scoring never decode a whole `Service`.
    public let status: StatusColumn
    let minAge: Column<Int16>
    let maxAge: Column<Int16>

    /// Whether a person of this age may use the service, by the age rule (`AgeRule`, its one home).
    public func admits(_ doc: Int, age: Int) -> Bool { AgeRule.admits(age, min: minAge[doc], max: maxAge[doc]) }
    /// Day number of the last verification, or Int32.min.
    let assuredDay: Column<Int32>
    /// The last day any timed schedule runs (a day number), or `Int32.max` when one has no end
    /// or none has hours: whether the sessions have ended is read without decoding the record.
    let hoursEndDay: Column<Int32>
    let organisationIndex: Column<Int32>
    /// Condition and function codes of each service, counted once each.
    let needCodeCount: Column<UInt8>
    /// Each service's place in name order, for the list shown before anything is typed.
    let nameRank: Column<Int32>
    /// `waymark:eligibility` codes each service requires, newline-separated.
    let requirementCodes: StringColumn
    let servedPlaceLists: StringColumn
    /// `ServiceFlags` of each service.
    let flags: Column<UInt8>
    /// The distinct lists of required circumstances, and each service's list number (-1: none).
    let requirementLists: StringColumn
    let requirementClass: Column<Int32>
    let serviceIDs: StringColumn
    let organisationIDs: StringColumn
    let serviceNames: StringColumn
    /// Cache of prefix expansions (prefix → surface indices), filled as people type.
    private let prefixCache = PrefixCache()

    /// Impacts are tf/(k1+tf), in (0, 1): stored as fractions of 65,535.
    static let impactScale: Float = 65_535

    /// Field weights and length normalisation: a word in the name counts three times one in the description.
    static let fields: [(weight: Float, b: Float)] = [(3.0, 0.5), (2.0, 0.3), (1.0, 0.75), (1.5, 0.3), (0.8, 0.5), (1.0, 0.3)]
    static let k1: Float = 1.2

    /// Builds the index in memory: the same image that is stored, read in place.
    public convenience init(services: [Service], organisationNames names: [String: String], taxonomy: Taxonomy, lexicon: Lexicon,
                            fingerprint: String = "") {
        let bytes = SearchIndex.buildImage(services: services, organisationNames: names, taxonomy: taxonomy, fingerprint: fingerprint)
        // An image just built is well formed by construction.
        try! self.init(image: IndexImage(bytes: bytes), taxonomy: taxonomy, lexicon: lexicon)
    }

    public convenience init(directory: Directory, taxonomy: Taxonomy, lexicon: Lexicon, fingerprint: String = "") {
        self.init(services: directory.services, organisationNames: directory.organisationNames, taxonomy: taxonomy,
                  lexicon: lexicon, fingerprint: fingerprint)
    }

    /// Reads an image (stored or built). Throws when it does not fit this taxonomy.
    public init(image: IndexImage, taxonomy: Taxonomy, lexicon: Lexicon) throws {
        self.image = image
        self.taxonomy = taxonomy
        self.lexicon = lexicon
        let table = CodeTable(taxonomy: taxonomy)
        codeTable = table
        services = ServiceRecords(image)
        organisationNames = OrganisationNames(index: Column(image, .organisationIndex),
                                              names: StringColumn(image, .organisationNameOffsets, .organisationNameBytes))
        codeSets = Column(image, .codeSets)
        terms = StringColumn(image, .termOffsets, .termBytes)
        idf = Column(image, .termIDF)
        postingDocs = Postings(image)
        surfaceWords = StringColumn(image, .surfaceOffsets, .surfaceBytes)
        surfaceTerms = Column(image, .surfaceTerms)
        lengthStarts = Column(image, .lengthStarts)
        byLength = Column(image, .byLength)
        codeDocs = CodeDocs(starts: Column(image, .codeDocStarts), docs: Column(image, .codeDocs))
        points = PointColumn(starts: Column(image, .pointStarts), values: Column(image, .points))
        status = StatusColumn(raw: Column(image, .status))
        minAge = Column(image, .minAge)
        maxAge = Column(image, .maxAge)
        assuredDay = Column(image, .assuredDay)
        hoursEndDay = Column(image, .hoursEndDay)
        organisationIndex = Column(image, .organisationIndex)
        needCodeCount = Column(image, .needCodeCount)
        nameRank = Column(image, .nameRank)
        requirementCodes = StringColumn(image, .requirementOffsets, .requirementBytes)
        servedPlaceLists = StringColumn(image, .placeOffsets, .placeBytes)
        flags = Column(image, .flags)
        requirementLists = StringColumn(image, .requirementListOffsets, .requirementListBytes)
        requirementClass = Column(image, .requirementClass)
        serviceIDs = StringColumn(image, .idOffsets, .idBytes)
        organisationIDs = StringColumn(image, .organisationIDOffsets, .organisationIDBytes)
        serviceNames = StringColumn(image, .nameOffsets, .nameBytes)
        // The verified columns are trusted; what remains is that they fit one another and this taxonomy.
        let n = image.counts.services, t = image.counts.terms, w = image.counts.surfaceWords
        guard codeDocs.starts.count == table.codes.count + 1, Int(codeDocs.starts[table.codes.count]) == codeDocs.docs.count,
              zip(codeDocs.starts.dropLast(), codeDocs.starts.dropFirst()).allSatisfy({ $0 <= $1 }),
              lengthStarts.count >= 1, Int(lengthStarts[lengthStarts.count - 1]) == w,
              zip(lengthStarts.dropLast(), lengthStarts.dropFirst()).allSatisfy({ $0 <= $1 }),
              codeDocs.docs.allSatisfy({ $0 >= 0 && Int($0) < n }), surfaceTerms.allSatisfy({ $0 >= 0 && Int($0) < t }),
              byLength.allSatisfy({ $0 >= 0 && Int($0) < w }), status.raw.allSatisfy({ Int($0) < ServiceStatus.allCases.count }),
              organisationIndex.allSatisfy({ $0 >= 0 && Int($0) < image.counts.organisations }),
              requirementClass.allSatisfy({ $0 >= -1 && Int($0) < requirementLists.count })
        else { throw IndexImage.Failure.section("columns") }
    }

    /// Everything the index holds, as image bytes: built once at import, or when the stored one is missing or stale.
    public static func buildImage(services: [Service], organisationNames names: [String: String], taxonomy: Taxonomy,
                                  fingerprint: String, progress: (Double) -> Void = { _ in }) -> [UInt8] {
        let table = CodeTable(taxonomy: taxonomy)

        // 1. Words of every field, on every core: each worker numbers the words it meets itself,
        // and keeps every service's term ids in one flat array with six field ends per service.
        let n = services.count
        let fieldCount = SearchIndex.fields.count
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, n / 2000))
        struct Part { var words: [String] = []; var ids: [Int32] = []; var ends: [Int32] = []; var codeSets: [CodeSet] = [] }
        let partResults = LockedSlots<Part>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let normaliser = Normaliser()
            // Stop words are in the table too, as -1, so each word costs one lookup.
            var local: [String: Int32] = Dictionary(uniqueKeysWithValues: StopWords.list.map { ($0, -1) })
            var result = Part()
            for i in (n * part / parts)..<(n * (part + 1) / parts) {
                let (texts, codes) = SearchIndex.fieldTexts(services[i], names: names, table: table, taxonomy: taxonomy)
                result.codeSets.append(codes)
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
        progress(0.4)

        // 2. One vocabulary: surface words and the terms they stem to, terms numbered in byte order.
        let normaliser = Normaliser()
        var stems: [String] = []
        var stemIDs: [String: Int32] = [:]
        var surface: [String: Int32] = [:]
        var allParts = partResults.values.compactMap { $0 }
        for p in allParts.indices {
            let remap: [Int32] = allParts[p].words.map { w in
                if let t = surface[w] { return t }
                let stem = normaliser.term(w)
                let t: Int32
                if let existing = stemIDs[stem] { t = existing } else { t = Int32(stems.count); stemIDs[stem] = t; stems.append(stem) }
                surface[w] = t
                return t
            }
            allParts[p].ids.withUnsafeMutableBufferPointer { ids in for i in ids.indices { ids[i] = remap[Int(ids[i])] } }
        }
        let byteOrder = stems.indices.sorted { stems[$0].utf8.lexicographicallyPrecedes(stems[$1].utf8) }
        var rank = [Int32](repeating: 0, count: stems.count)
        for (r, old) in byteOrder.enumerated() { rank[old] = Int32(r) }
        let termCount = stems.count

        var fieldLengthSum = [Float](repeating: 0, count: fieldCount)
        for part in allParts {
            var start: Int32 = 0
            for (k, end) in part.ends.enumerated() { fieldLengthSum[k % fieldCount] += Float(end - start); start = end }
        }
        let avg = fieldLengthSum.map { n > 0 ? max(1, $0 / Float(n)) : 1 }

        // 3. Postings: each service's BM25F weight for each of its terms, from a dense scratch row.
        var postingDocs = [[Int32]](repeating: [], count: termCount)
        var postingImpacts = [[UInt16]](repeating: [], count: termCount)
        var tf = [Float](repeating: 0, count: termCount)
        var seen: [Int32] = []
        var doc = 0
        var codeSets: [CodeSet] = []
        codeSets.reserveCapacity(n)
        for part in allParts {
            codeSets += part.codeSets
            var start = 0
            for (k, e) in part.ends.enumerated() {
                let end = Int(e)
                let (w, b) = SearchIndex.fields[k % fieldCount]
                let norm = w / (1 - b + b * Float(end - start) / avg[k % fieldCount])
                for i in start..<end {
                    let id = Int(rank[Int(part.ids[i])])
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
        allParts = []
        progress(0.7)
        var w = IndexImageWriter()
        w.add(.fingerprint, bytes: Array(fingerprint.utf8))
        w.add(strings: byteOrder.map { stems[$0] }, offsets: .termOffsets, bytes: .termBytes)
        w.add(.termIDF, postingDocs.map { p -> Float in
            let df = Float(p.count)
            return log(1 + (Float(n) - df + 0.5) / (df + 0.5))
        })
        Postings.write(docs: postingDocs, impacts: postingImpacts, into: &w)
        postingDocs = []
        postingImpacts = []

        let sortedSurface = surface.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        w.add(strings: sortedSurface.map(\.key), offsets: .surfaceOffsets, bytes: .surfaceBytes)
        w.add(.surfaceTerms, sortedSurface.map { rank[Int($0.value)] })
        let lengths = sortedSurface.map { $0.key.utf8.contains(where: { (0x30...0x39).contains($0) }) ? 0 : $0.key.utf8.count }
        let maxLength = lengths.max() ?? 0
        var lengthStarts = [UInt32](repeating: 0, count: maxLength + 2)
        for l in lengths { lengthStarts[l + 1] += 1 }
        for l in 1..<lengthStarts.count { lengthStarts[l] += lengthStarts[l - 1] }
        var fill = lengthStarts
        var byLength = [Int32](repeating: 0, count: lengths.count)
        for (i, l) in lengths.enumerated() { byLength[Int(fill[l])] = Int32(i); fill[l] += 1 }
        w.add(.lengthStarts, lengthStarts)
        w.add(.byLength, byLength)

        var codeDocs = [[Int32]](repeating: [], count: table.codes.count)
        for (doc, set) in codeSets.enumerated() { set.forEach { codeDocs[$0].append(Int32(doc)) } }
        var codeStarts: [UInt32] = [0]
        for list in codeDocs { codeStarts.append(codeStarts.last! + UInt32(list.count)) }
        w.add(.codeSets, codeSets)
        w.add(.codeDocStarts, codeStarts)
        w.add(.codeDocs, codeDocs.flatMap { $0 })

        let statusRank = Dictionary(uniqueKeysWithValues: ServiceStatus.allCases.enumerated().map { ($1, UInt8($0)) })
        w.add(.status, services.map { statusRank[$0.status]! })
        w.add(.minAge, services.map { Int16(clamping: $0.eligibility.minimumAge ?? -1) })
        w.add(.maxAge, services.map { Int16(clamping: $0.eligibility.maximumAge ?? Int(Int16.max)) })
        w.add(.assuredDay, services.map { $0.assuredDate.map { Int32($0.dayNumber) } ?? Int32.min })
        w.add(.hoursEndDay, services.map { s -> Int32 in
            let ends = s.schedules.filter(\.hasHours).map(\.validTo)
            guard !ends.isEmpty, !ends.contains(where: { $0 == nil }) else { return Int32.max }
            return Int32(clamping: ends.compactMap { $0?.dayNumber }.max()!)
        })
        var orgNumbers: [String: Int32] = [:]
        var orgIDs: [String] = []
        w.add(.organisationIndex, services.map { s -> Int32 in
            if let n = orgNumbers[s.organisationID] { return n }
            let n = Int32(orgIDs.count); orgNumbers[s.organisationID] = n; orgIDs.append(s.organisationID); return n
        })
        w.add(strings: orgIDs, offsets: .organisationIDOffsets, bytes: .organisationIDBytes)
        w.add(strings: orgIDs.map { names[$0] ?? "" }, offsets: .organisationNameOffsets, bytes: .organisationNameBytes)
        w.add(.needCodeCount, services.map { UInt8(clamping: $0.codes(.condition).count + $0.codes(.function).count) })
        var nameRank = [Int32](repeating: 0, count: n)
        for (r, d) in services.indices.sorted(by: { (services[$0].name, $0) < (services[$1].name, $1) }).enumerated() { nameRank[d] = Int32(r) }
        w.add(.nameRank, nameRank)
        var pointStarts: [UInt32] = [0]
        var pointValues: [Double] = []
        for s in services {
            for c in s.physicalLocations.compactMap(\.coordinate) { pointValues += [c.latitude, c.longitude] }
            pointStarts.append(UInt32(pointValues.count / 2))
        }
        w.add(.pointStarts, pointStarts)
        w.add(.points, pointValues)
        w.add(strings: services.map(\.id), offsets: .idOffsets, bytes: .idBytes)
        w.add(strings: services.map(\.name), offsets: .nameOffsets, bytes: .nameBytes)
        w.add(strings: services.map { $0.codes(.eligibility).joined(separator: "\n") }, offsets: .requirementOffsets, bytes: .requirementBytes)
        w.add(strings: services.map { s in
            let places = AreaRule.servedPlaces(s)
            return places.isEmpty ? "" : JSONValue.array(places.map(JSONValue.string)).compactText ?? ""
        }, offsets: .placeOffsets, bytes: .placeBytes)
        w.add(.flags, services.map { ServiceFlags(of: $0).rawValue })
        var listNumbers: [String: Int32] = [:]
        var lists: [String] = []
        w.add(.requirementClass, services.map { s -> Int32 in
            let list = s.codes(.eligibility).joined(separator: "\n")
            guard !list.isEmpty else { return -1 }
            if let number = listNumbers[list] { return number }
            listNumbers[list] = Int32(lists.count)
            lists.append(list)
            return Int32(lists.count - 1)
        })
        w.add(strings: lists, offsets: .requirementListOffsets, bytes: .requirementListBytes)
        var packedStarts: [UInt64] = [0]
        var packed: [UInt8] = []
        for s in services { packed += PackedCodec.encode(s); packedStarts.append(UInt64(packed.count)) }
        w.add(.packedOffsets, packedStarts)
        w.add(.packedBytes, bytes: packed)
        progress(0.9)
        return w.finish(counts: IndexImage.Counts(services: n, terms: termCount, surfaceWords: sortedSurface.count, organisations: orgIDs.count))
    }

    /// Whether every timed schedule of the service ended before `day`.
    func hoursHaveEnded(_ doc: Int, before day: LocalDate) -> Bool {
        let last = hoursEndDay[doc]
        return last != Int32.max && Int(last) < day.dayNumber
    }

    /// Months since the record was checked, when more than 12.
    func staleMonths(_ doc: Int, today: LocalDate) -> Int? {
        guard assuredDay[doc] != Int32.min else { return nil }
        return ServiceCard.staleMonths(assured: LocalDate(dayNumber: Int(assuredDay[doc])), today: today)
    }

    /// Whether the service is a specialist step (`Matcher.isSpecialist`), from its stored flags.
    public func isSpecialist(_ doc: Int) -> Bool { ServiceFlags(rawValue: flags[doc]).contains(.specialist) }

    /// A service's name, without decoding the service.
    public func name(_ doc: Int) -> String { serviceNames[doc] }

    func has(_ doc: Int, _ code: String) -> Bool {
        guard let bit = codeTable.bit(code) else { return false }
        return codeSets[doc].contains(bit)
    }

    /// Whether a service is limited to named places, without reading which.
    func hasServedPlaces(_ doc: Int) -> Bool { !servedPlaceLists.utf8(doc).isEmpty }

    /// Whether a service requires any circumstance, without reading which.
    /// The number of the service's list of required circumstances (`requirementList(_:)`), or nil.
    func requirementListNumber(_ doc: Int) -> Int? {
        let n = requirementClass[doc]
        return n >= 0 ? Int(n) : nil
    }

    /// Every distinct list of required circumstances, by number.
    func allRequirementLists() -> [[String]] {
        (0..<requirementLists.count).map { requirementLists[$0].split(separator: "\n").map(String.init) }
    }

    /// The `waymark:eligibility` circumstances a service requires (usually none).
    public func requirements(_ doc: Int) -> [String] {
        let raw = requirementCodes.utf8(doc)
        return raw.isEmpty ? [] : String(decoding: raw, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The places a service is limited to, by name (`AreaRule.servedPlaces`), without decoding it.
    public func servedPlaces(_ doc: Int) -> [String] {
        let raw = servedPlaceLists.utf8(doc)
        guard !raw.isEmpty, let list = try? JSONSerialization.jsonObject(with: Data(raw)) as? [String] else { return [] }
        return list
    }

    /// Its condition and function codes, counted once each, for specificity.
    public func needCodeCount(_ doc: Int) -> Int { Int(needCodeCount[doc]) }

    /// The id of the organisation that runs a service, without decoding the service.
    public func organisationID(_ doc: Int) -> String { organisationIDs[Int(organisationIndex[doc])] }

    /// The document with this service id, if any.
    public func doc(id: String) -> Int? {
        // Services are in id order (Directory sorts them), so this is a binary search.
        let key = Array(id.utf8)
        let i = serviceIDs.lowerBound(key)
        if i < serviceIDs.count, serviceIDs[i] == id { return i }
        return serviceIDs.firstIndex(of: id)
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

    public var count: Int { image.counts.services }
    public var vocabularySize: Int { image.counts.terms }

    // MARK: Term lookups

    /// Surface-word indices starting with `prefix`, most common first, at most `limit`.
    func prefixMatches(_ prefix: String, limit: Int = 40) -> [Int] {
        if let cached = prefixCache.get(prefix) { return cached }
        let key = Array(prefix.utf8)
        var out: [Int] = []
        key.withUnsafeBytes { k in
            var i = surfaceWords.lowerBound(key)
            while i < surfaceWords.count, surfaceWords.hasPrefix(i, k) { out.append(i); i += 1 }
        }
        // One or two letters match hundreds of words: only the commonest few are likely meant.
        let limit = prefix.count <= 2 ? min(limit, 12) : limit
        if out.count > limit {
            out.sort { postingDocs[Int(surfaceTerms[$0])].count > postingDocs[Int(surfaceTerms[$1])].count }
            out = Array(out.prefix(limit))
        }
        prefixCache.set(prefix, out)
        return out
    }

    /// Terms within the allowed edit distance of a word (1 for 4+ letters, 2 for 8+), with their
    /// distance, in term order (so that scores add up in the same order every run).
    func fuzzyMatches(_ word: String) -> [(term: Int32, distance: Int)] {
        let len = word.utf8.count
        guard len >= 4, !word.utf8.contains(where: { (0x30...0x39).contains($0) }) else { return [] }
        let allowed = len >= 8 ? 2 : 1
        var best: [Int32: Int] = [:]
        var query = Array(word.utf8)
        query.withUnsafeMutableBufferPointer { q in
            for l in (len - allowed)...(len + allowed) where l + 1 < lengthStarts.count {
                for k in Int(lengthStarts[l])..<Int(lengthStarts[l + 1]) {
                    let idx = Int(byLength[k])
                    let candidate = surfaceWords.utf8(idx).bindMemory(to: UInt8.self)
                    let d = EditDistance.damerau(UnsafeBufferPointer(q), candidate, limit: allowed)
                    if d >= 1, d <= allowed {
                        let t = surfaceTerms[idx]
                        best[t] = min(best[t] ?? 99, d)
                    }
                }
            }
        }
        return best.map { ($0.key, $0.value) }.sorted { $0.term < $1.term }
    }

    public func term(_ word: String) -> Int32? {
        let key = Array(normaliser.term(word).utf8)
        let i = terms.lowerBound(key)
        guard i < terms.count else { return nil }
        return key.withUnsafeBytes { StringColumn.compare(terms.utf8(i), $0) == 0 } ? Int32(i) : nil
    }

    /// Whether a word is known to the directory, exactly or within one typo.
    public func knows(_ word: String) -> Bool {
        term(word) != nil || !fuzzyMatches(word).isEmpty
    }

    func docs(withCode code: String) -> ColumnSlice<Int32> {
        guard let bit = codeTable.bit(code) else { return codeDocs[-1] }
        return codeDocs[bit]
    }
}

/// The services carrying each code bit, read in place.
struct CodeDocs: @unchecked Sendable {
    let starts: Column<UInt32>
    let docs: Column<Int32>
    /// Bit -1 (an unknown code) has none.
    subscript(bit: Int) -> ColumnSlice<Int32> {
        guard bit >= 0, bit + 1 < starts.count else { return docs.slice(0, 0) }
        return docs.slice(Int(starts[bit]), Int(starts[bit + 1]))
    }
}

/// The physical points of each service, read in place.
public struct PointColumn: @unchecked Sendable {
    let starts: Column<UInt32>
    let values: Column<Double>
    public subscript(doc: Int) -> [Coordinate] {
        (Int(starts[doc])..<Int(starts[doc + 1])).map { Coordinate(latitude: values[$0 * 2], longitude: values[$0 * 2 + 1]) }
    }

    /// Each of a service's venues in turn, without making an array (the matcher's distance to every candidate).
    @inline(__always) public func forEach(_ doc: Int, _ body: (Coordinate) -> Void) {
        for i in Int(starts[doc])..<Int(starts[doc + 1]) { body(Coordinate(latitude: values[i * 2], longitude: values[i * 2 + 1])) }
    }
}

/// Each service's status, one byte each.
public struct StatusColumn: @unchecked Sendable {
    let raw: Column<UInt8>
    public subscript(doc: Int) -> ServiceStatus { ServiceStatus.allCases[Int(raw[doc])] }
}

/// The organisation name of each service, through the organisation table.
public struct OrganisationNames: @unchecked Sendable {
    let index: Column<Int32>
    let names: StringColumn
    public subscript(doc: Int) -> String { names[Int(index[doc])] }
}

/// The full records, each decoded from its packed bytes only when asked for.
public struct ServiceRecords: RandomAccessCollection, @unchecked Sendable {
    let offsets: Column<UInt64>
    let blob: UnsafeRawBufferPointer
    let ids: StringColumn
    let names: StringColumn

    init(_ image: IndexImage) {
        offsets = Column(image, .packedOffsets)
        blob = image.bytes(.packedBytes)
        ids = StringColumn(image, .idOffsets, .idBytes)
        names = StringColumn(image, .nameOffsets, .nameBytes)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count - 1 }

    public subscript(doc: Int) -> Service {
        let lo = Int(offsets[doc]), hi = Int(offsets[doc + 1])
        if lo <= hi, hi <= blob.count {
            let bytes = UnsafeRawBufferPointer(rebasing: blob[lo..<hi]).bindMemory(to: UInt8.self)
            var r = PackedCodec.Reader(bytes: bytes, interned: InternTable())
            if let s = try? PackedCodec.decodeService(&r) { return s }
        }
        // A damaged record (the packed bytes are not checked at open) is shown as what the
        // verified columns know, saying what to do, rather than stopping the program.
        return Service(id: ids[doc], organisationID: "", name: names[doc],
                       description: "This record could not be read from the stored index. Run `waymark import` again to rebuild it.")
    }
}

extension CodeSet: BitwiseCopyable {}

/// Facts about a service alone, worked out once when the index is built and stored as a byte a
/// service: a warm match at 100,000 services spent a sixth of its time searching every
/// candidate's name for the words of a specialist step (`perf`, 2026-12-07).
struct ServiceFlags: OptionSet {
    let rawValue: UInt8
    /// A specialist or residential step (`Matcher.isSpecialist`), which comes after the community first step.
    static let specialist = ServiceFlags(rawValue: 1)

    init(rawValue: UInt8) { self.rawValue = rawValue }
    init(of s: Service) { self = Matcher.isSpecialist(s) ? .specialist : [] }
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
