import XCTest
@testable import WaymarkCore

/// The stored index is the fresh one, kept: same answers, and a damaged, stale or
/// half-written one is rebuilt, never served and never a crash.
final class StoredIndexTests: XCTestCase {
    static let lexicon = try! Repo.fixtures.loadLexicon()
    static let people = Array(((try? EvalSet.load(Repo.fixtures.path("eval/needs.jsonl"))) ?? []).prefix(15))
    static let queries = Array(Benchmark.queries.prefix(20)) + ["demen", "carer", "bath", "dementai", "", "memory cafe keynsham", "zzzz"]
    static let now = LocalDateTime(date: LocalDate(year: 2026, month: 11, day: 2), minute: 10 * 60)

    /// Every search's ids, order, total and facets, and every person's suggestions, as text to compare.
    static func answers(_ index: SearchIndex, matching: Bool = true) -> [String] {
        var out: [String] = []
        for q in queries {
            for filters in [SearchFilters(), { var f = SearchFilters(); f.area = "keynsham"; f.age = 70; return f }()] {
                let r = index.search(q, filters: filters, limit: 25)
                out.append("\(q)|\(r.total)|" + r.hits.map { index.services[$0.doc].id }.joined(separator: ",")
                           + "|" + r.facets.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
            }
        }
        let matcher = Matcher(index: index, gazetteer: Repo.gazetteer, now: now)
        for p in matching ? people : [] {
            let r = matcher.match(p.profile)
            out.append(p.profile.text + "|" + r.suggestions.map { index.services[$0.doc].id }.joined(separator: ",")
                       + "|" + r.coveringSet.map { index.services[$0].id }.joined(separator: ","))
        }
        return out
    }

    /// A database holding `batch`, its index stored at import.
    func storeWith(_ batch: ImportBatch, _ name: String = #function) throws -> Store {
        let store = try Store(path: Repo.tempDir(name) + "/w.sqlite")
        try store.apply(batch, source: "test", replacingAll: true, indexWith: Repo.taxonomy)
        return store
    }

    func stored(_ store: Store) throws -> SearchIndex {
        let fp = StoredIndex.fingerprint(dataVersion: try store.dataVersion(), taxonomy: Repo.taxonomy)
        return try StoredIndex.load(databasePath: store.path, fingerprint: fp, taxonomy: Repo.taxonomy, lexicon: Self.lexicon).get()
    }

    func fresh(_ store: Store) throws -> SearchIndex {
        SearchIndex(directory: try store.loadDirectory(), taxonomy: Repo.taxonomy, lexicon: Self.lexicon)
    }

    func testStoredIndexAnswersExactlyAsAFreshOneOnTheBundledDirectory() throws {
        let store = try storeWith(Repo.bundledBatch())
        let a = Self.answers(try stored(store)), b = Self.answers(try fresh(store))
        XCTAssertGreaterThan(a.count, 60)
        XCTAssertEqual(a, b)
        XCTAssertTrue(a.contains { $0.hasPrefix("demen|") && !$0.hasPrefix("demen|0|") }, "the prefix finds dementia services")
    }

    /// The places a service is limited to come from the index's own column, not a decoded record:
    /// the same names, in the same order, as the record gives, stored or built, hostile names too.
    func testServedPlacesAreTheRecordsOwn() throws {
        var batch = Repo.bundledBatch()
        var odd = batch.services[0]
        odd.id = "odd-places"
        odd.serviceAreas = [ServiceArea(id: "sa-odd", name: "Line\none \"quoted\" \u{1B}[2J", uri: AreaRule.placePrefix + "odd"),
                            ServiceArea(id: "sa-two", name: "Bathford", uri: AreaRule.placePrefix + "bathford")]
        batch.services.append(odd)
        let store = try storeWith(batch)
        var limited = 0
        for index in [try stored(store), try fresh(store)] {
            for doc in 0..<index.count {
                let own = AreaRule.servedPlaces(index.services[doc])
                XCTAssertEqual(index.servedPlaces(doc), own, index.services[doc].id)
                if !own.isEmpty { limited += 1 }
            }
        }
        XCTAssertGreaterThan(limited, 4, "the sample has services limited to named places")
    }

    /// A cold start reads the compiled lexicon beside the database: its entries, and every search and
    /// match through the stored index, are those of `lexicon.json` parsed afresh; the second start
    /// reads the file the first one wrote.
    func testCompiledLexiconAnswersExactlyAsTheParsedOne() throws {
        let store = try storeWith(Repo.bundledBatch())
        let compiledPath = CompiledLexicon.path(for: store.path)
        XCTAssertFalse(FileManager.default.fileExists(atPath: compiledPath))
        let first = try Repo.fixtures.loadLexicon(compiledBeside: store.path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: compiledPath), "the first start compiles it")
        let second = try Repo.fixtures.loadLexicon(compiledBeside: store.path)
        for lexicon in [first, second] { XCTAssertEqual(Self.entries(lexicon), Self.entries(Self.lexicon)) }
        let fp = StoredIndex.fingerprint(dataVersion: try store.dataVersion(), taxonomy: Repo.taxonomy)
        let index = try StoredIndex.load(databasePath: store.path, fingerprint: fp, taxonomy: Repo.taxonomy, lexicon: second).get()
        XCTAssertEqual(Self.answers(index), Self.answers(try fresh(store)))
        XCTAssertEqual(second.find(in: ["she", "keeps", "forgetting", "things"]).first?.codes["dementia"], 0.9)
    }

    /// A compiled lexicon made from other bytes of `lexicon.json`, or cut short, or garbage, is
    /// compiled again from the JSON, never served.
    func testACompiledLexiconForOtherBytesOrDamagedIsCompiledAgain() throws {
        let db = Repo.tempDir() + "/w.sqlite"
        let json = Data(#"{"version": 1, "entries": [{"phrase": "keeps forgetting", "codes": {"dementia": 0.9}}, {"phrase": "lonely", "codes": {"isolation": 0.75, "mental-health": 0.25}}]}"#.utf8)
        let a = try CompiledLexicon.load(source: json, databasePath: db)
        XCTAssertEqual(a.find(in: ["she", "keeps", "forgetting"]).map(\.phrase), ["keeps forgetting"])
        let changed = Data(#"{"version": 1, "entries": [{"phrase": "keeps forgetting", "codes": {"memory": 0.5}}]}"#.utf8)
        let b = try CompiledLexicon.load(source: changed, databasePath: db)
        XCTAssertEqual(b.find(in: ["keeps", "forgetting"]).first?.codes, ["memory": 0.5], "a changed lexicon is not served stale")
        XCTAssertEqual(b.count, 1)
        let file = CompiledLexicon.path(for: db)
        let whole = try Data(contentsOf: URL(fileURLWithPath: file))
        for damaged in [whole.prefix(whole.count - 3), Data("garbage".utf8), whole + Data([0x1F, 0x0A]), Data()] {
            try damaged.write(to: URL(fileURLWithPath: file))
            let c = try CompiledLexicon.load(source: changed, databasePath: db)
            XCTAssertEqual(c.find(in: ["keeps", "forgetting"]).first?.codes, ["memory": 0.5])
            XCTAssertEqual(c.count, 1)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), whole, "the damaged file is replaced by a whole one")
        }
    }

    /// Every entry as text, to compare two lexicons field by field.
    static func entries(_ lexicon: Lexicon) -> [String] {
        lexicon.entries.map { e in
            [e.phrase, e.key.joined(separator: " "), e.single ?? "-", e.exact ?? "-",
             e.codes.map { "\($0.code)=\($0.weight)" }.joined(separator: ",")].joined(separator: "|")
        }
    }

    func testStoredIndexAnswersExactlyAsAFreshOneOnAGeneratedDirectory() throws {
        let base = Directory(organisations: Repo.bundledBatch().organisations, services: Repo.bundledBatch().services)
        let synthetic = SyntheticDirectory(base: base).make(services: 1500, seed: 7)
        var batch = ImportBatch()
        batch.organisations = synthetic.organisations
        batch.services = synthetic.services
        let store = try storeWith(batch)
        let index = try stored(store)
        XCTAssertEqual(index.count, 1500)
        XCTAssertEqual(Self.answers(index), Self.answers(try fresh(store)))
        // Records decode on demand and are the ones imported.
        XCTAssertEqual(index.services[1234], try store.loadDirectory().services[1234])
    }

    func testSkipEntriesFindEveryPostingAndNothingElse() throws {
        let base = Directory(organisations: Repo.bundledBatch().organisations, services: Repo.bundledBatch().services)
        let index = SearchIndex(directory: SyntheticDirectory(base: base).make(services: 2000), taxonomy: Repo.taxonomy, lexicon: Self.lexicon)
        // The commonest term spans many blocks of 128.
        let t = (0..<index.vocabularySize).max { index.postingDocs[$0].count < index.postingDocs[$1].count }!
        let list = index.postingDocs[t]
        XCTAssertGreaterThan(list.count, 3 * Postings.blockSize)
        let docs = Set(list.withDecoded { d, _ in Array(d) })
        XCTAssertEqual(docs.count, list.count)
        for d in 0..<Int32(index.count) { XCTAssertEqual(list.contains(d), docs.contains(d), "doc \(d)") }
    }

    /// Damage of every kind: the index is refused, rebuilt once by the next open, and answers as before.
    func testDamagedOrOtherVersionIndexIsRebuiltNotServed() throws {
        let store = try storeWith(Repo.bundledBatch())
        let expected = Self.answers(try fresh(store), matching: false)
        let file = StoredIndex.path(for: store.path)
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        let damages: [(String, (inout Data) -> Void)] = [
            ("truncated to half", { $0 = $0.prefix($0.count / 2) }),
            ("truncated to 10 bytes", { $0 = $0.prefix(10) }),
            ("empty", { $0 = Data() }),
            ("magic flipped", { $0[0] ^= 0xFF }),
            ("other format version", { $0[8] = UInt8(truncatingIfNeeded: IndexImage.formatVersion + 1) }),
            ("section table flipped", { $0[IndexImage.headerSize + 9] ^= 0x40 }),
            ("a column flipped", { $0[$0.count / 3] ^= 0x55 }),
            ("bytes near the end flipped", { d in for i in stride(from: d.count - 4000, to: d.count, by: 97) { d[i] ^= 0xA5 } }),
            ("appended garbage", { $0.append(contentsOf: [1, 2, 3]) }),
        ]
        for (what, damage) in damages {
            var bad = good
            damage(&bad)
            try bad.write(to: URL(fileURLWithPath: file))
            // Damage in the two large sections is not hashed at open: it may be read, but must never crash.
            if case .success(let index) = StoredIndex.load(databasePath: store.path, fingerprint: index0Fingerprint(store),
                                                            taxonomy: Repo.taxonomy, lexicon: Self.lexicon) {
                _ = Self.answers(index, matching: false)
                continue
            }
            var steps: [Double] = []
            let rebuilt = try StoredIndex.openOrRebuild(store: store, taxonomy: Repo.taxonomy, lexicon: Self.lexicon) { steps.append($0) }
            XCTAssertEqual(steps.first, 0, what)
            XCTAssertEqual(steps.last, 1, "\(what): the progress bar reaches the end")
            XCTAssertEqual(Self.answers(rebuilt, matching: false), expected, what)
            XCTAssertNoThrow(try stored(store), "\(what): the rebuilt index is stored")
            steps = []
            _ = try StoredIndex.openOrRebuild(store: store, taxonomy: Repo.taxonomy, lexicon: Self.lexicon) { steps.append($0) }
            XCTAssertEqual(steps, [], "\(what): rebuilt once, then mapped")
        }
    }

    func index0Fingerprint(_ store: Store) -> String {
        StoredIndex.fingerprint(dataVersion: (try? store.dataVersion()) ?? "", taxonomy: Repo.taxonomy)
    }

    func testAnIndexForOtherDataIsNeverServed() throws {
        let bundled = Repo.bundledBatch()
        let store = try storeWith(bundled)
        // An import that does not rebuild the index (as an older Waymark's would) makes it stale.
        var smaller = ImportBatch()
        smaller.organisations = bundled.organisations
        smaller.services = Array(bundled.services.prefix(40))
        try store.apply(smaller, source: "test", replacingAll: true)
        XCTAssertThrowsError(try stored(store))
        let index = try StoredIndex.openOrRebuild(store: store, taxonomy: Repo.taxonomy, lexicon: Self.lexicon)
        XCTAssertEqual(index.count, 40)
        XCTAssertEqual(Self.answers(index), Self.answers(try fresh(store)))
    }

    /// An import stopped at each step: before the commit the old data and old index stand and
    /// agree; after it, the new data is never answered from the old index.
    func testACrashDuringImportLeavesTheOldIndexValid() throws {
        let bundled = Repo.bundledBatch()
        var smaller = ImportBatch()
        smaller.organisations = bundled.organisations
        smaller.services = Array(bundled.services.prefix(60))
        for step in [StoredIndex.ImportStep.rowsWritten, .indexWritten, .committed] {
            let store = try storeWith(bundled, "crash\(step)")
            let before = Self.answers(try stored(store), matching: false)
            let fingerprintBefore = try store.fingerprint()
            XCTAssertThrowsError(try store.apply(smaller, source: "test", replacingAll: true, indexWith: Repo.taxonomy, crash: step)) {
                XCTAssertEqual($0 as? StoredIndex.SimulatedCrash, StoredIndex.SimulatedCrash(at: step))
            }
            if step == .committed {
                XCTAssertNotEqual(try store.fingerprint(), fingerprintBefore, "the data committed")
                XCTAssertThrowsError(try stored(store), "the old index is not served for the new data")
                let index = try StoredIndex.openOrRebuild(store: store, taxonomy: Repo.taxonomy, lexicon: Self.lexicon)
                XCTAssertEqual(index.count, 60)
                XCTAssertEqual(Self.answers(index, matching: false), Self.answers(try fresh(store), matching: false))
            } else {
                XCTAssertEqual(try store.fingerprint(), fingerprintBefore, "\(step): nothing changed")
                XCTAssertEqual(Self.answers(try stored(store), matching: false), before, "\(step): the old index still stands and matches")
                // The next import tidies up after the crashed one and installs its own index.
                try store.apply(smaller, source: "test", replacingAll: true, indexWith: Repo.taxonomy)
                XCTAssertEqual(try stored(store).count, 60)
            }
        }
    }

    func testTwoOpenersAtOnceRebuildOnceAndBothAnswer() throws {
        let store = try storeWith(Repo.bundledBatch())
        try FileManager.default.removeItem(atPath: StoredIndex.path(for: store.path))
        let expected = Self.answers(try fresh(store), matching: false)
        let results = LockedSlots<[String]>(count: 2)
        let rebuilds = LockedSlots<Bool>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            // A second Store, as a second process would have.
            guard let s = try? Store(path: store.path) else { return }
            var rebuilt = false
            let index = try? StoredIndex.openOrRebuild(store: s, taxonomy: Repo.taxonomy, lexicon: Self.lexicon) { _ in rebuilt = true }
            results.set(i, index.map { Self.answers($0, matching: false) } ?? [])
            rebuilds.set(i, rebuilt)
        }
        XCTAssertEqual(results.values, [expected, expected])
        XCTAssertEqual(rebuilds.values.filter { $0 == true }.count, 1, "one rebuilds, the other maps what it wrote")
    }

    /// What a sync brings and what switching a source off hides reach the stored index at once:
    /// a search never answers from the directory as it was.
    func testSyncAndSwitchingASourceOffAreSeenByTheStoredIndex() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        try store.apply(Repo.bundledBatch(), source: "bundled", origin: SourceName.sample, indexWith: Repo.taxonomy)
        var feed = ImportBatch()
        feed.organisations = [Organisation(id: "org-feed", name: "Feed org")]
        var s = Repo.bundledBatch().services[0]
        s.id = "feed-zebrafinch"; s.name = "Zebrafinch walking group"; s.organisationID = "org-feed"
        feed.services = [s]
        let sync = FeedSync(name: "council", url: "http://127.0.0.1:1/api", batch: feed, isFull: true, startedAt: Date(),
                            taxonomies: 0, taxonomyTerms: 0)
        try store.applySync(sync, indexWith: Repo.taxonomy)
        func open() throws -> SearchIndex {
            var rebuilt = false
            let index = try StoredIndex.openOrRebuild(store: store, taxonomy: Repo.taxonomy, lexicon: Self.lexicon) { _ in rebuilt = true }
            XCTAssertEqual(try Self.answers(index, matching: false), Self.answers(try fresh(store), matching: false))
            lastRebuilt = rebuilt
            return index
        }
        var index = try open()
        XCTAssertFalse(lastRebuilt, "the sync stored its own index")
        XCTAssertEqual(index.search("zebrafinch", filters: SearchFilters(), limit: 5).hits.map { index.services[$0.doc].id }, ["feed-zebrafinch"])
        let all = index.count

        try store.setSource(SourceName.sample, enabled: false)
        index = try open()
        XCTAssertTrue(lastRebuilt, "switching a source off makes the stored index stale")
        XCTAssertEqual(index.count, 1)
        XCTAssertEqual(index.search("dementia", filters: SearchFilters(), limit: 5).total, 0, "the switched-off sample is not searched")

        try store.setSource(SourceName.sample, enabled: true)
        index = try open()
        XCTAssertEqual(index.count, all)
    }
    private var lastRebuilt = false
}
