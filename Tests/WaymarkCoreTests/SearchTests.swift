import XCTest
@testable import WaymarkCore

final class NormaliserTests: XCTestCase {
    let n = Normaliser()

    func testCaseAndAccentsFold() {
        XCTAssertEqual(n.words("Café CRÈCHE — Zoë’s"), ["cafe", "creche", "zoes"])
    }

    func testBritishAndAmericanSpellingsMeet() {
        XCTAssertEqual(n.term("paediatric"), n.term("pediatric"))
        XCTAssertEqual(n.term("anaemia"), n.term("anemia"))
        XCTAssertEqual(n.term("organisation"), n.term("organization"))
        XCTAssertEqual(n.term("counselling"), n.term("counseling"))
        XCTAssertEqual(n.term("centre"), n.term("center"))
        XCTAssertEqual(n.term("behaviour"), n.term("behavior"))
        XCTAssertEqual(n.term("programme"), n.term("program"))
    }

    func testLightStemming() {
        XCTAssertEqual(n.term("walking"), n.term("walks"))
        XCTAssertEqual(n.term("carers"), n.term("carer"))
        XCTAssertEqual(n.term("memories"), n.term("memory"))
        XCTAssertEqual(n.term("caring"), "care")
        XCTAssertNotEqual(n.term("organisation"), n.term("organ"), "light stemming does not over-reach")
    }

    func testStopWords() {
        XCTAssertEqual(n.terms("the group for my mum"), [n.term("group"), n.term("mum")])
    }
}

final class SearchTests: XCTestCase {
    lazy var services = [
        Tiny.service("d1", "Memory Café", description: "A friendly dementia café with tea and music.", codes: [(.condition, "dementia"), (.function, "social-connection"), (.area, "keynsham"), (.audience, "older-people"), (.cost, "free")], at: Tiny.keynsham),
        Tiny.service("d2", "Dementia Adviser", org: "org-b", description: "Advice after a dementia diagnosis.", codes: [(.condition, "dementia"), (.function, "information-advice"), (.area, "banes-wide"), (.transport, "home-visit"), (.cost, "free")]),
        Tiny.service("w1", "Walking Group", description: "Gentle walks for everyone.", codes: [(.function, "physical-activity"), (.area, "bath-city"), (.cost, "free")], at: Tiny.bath),
        Tiny.service("w2", "Demand Responsive Bus", org: "org-c", description: "Dial-a-ride transport.", codes: [(.function, "transport-service"), (.area, "somer-valley"), (.cost, "low-cost")], minAge: 60, at: Tiny.radstock),
        Tiny.service("c1", "Closed Club", description: "A dementia group, closed for now.", codes: [(.condition, "dementia"), (.area, "keynsham"), (.cost, "free")], status: .temporarilyClosed),
    ]
    lazy var index = Tiny.index(services)
    func names(_ r: SearchResult) -> [String] { r.hits.map { index.services[$0.doc].name } }

    /// "found" counts services that match the words specifically; one reached only through a
    /// weak reading of a phrase ("can't get out" → perhaps home visits) sits below the divider.
    func testTheFoundCountLeavesWeakExpansionsBelowTheDivider() {
        let idx = Tiny.index([
            Tiny.service("a", "Friendship Club", codes: [(.function, "social-connection"), (.area, "banes-wide")]),
            Tiny.service("b", "Nail Cutting at Home", org: "org-b", codes: [(.function, "self-management"), (.transport, "home-visit"), (.area, "banes-wide")]),
        ])
        let r = idx.search("can't get out ")
        XCTAssertEqual(r.hits.map { idx.services[$0.doc].name }, ["Friendship Club", "Nail Cutting at Home"], "found before related")
        XCTAssertEqual(r.total, 1, "only the strong reading is counted as found")
        XCTAssertEqual(r.related, 1)
        XCTAssertEqual(r.hits.map(\.related), [false, true])
    }

    /// A generic word does not make a match weak when a specific word matched too.
    func testAGenericWordBesideASpecificOneIsStillFound() {
        var list = [Tiny.service("s", "Stroke Group", description: "A group for stroke survivors.", codes: [(.condition, "stroke"), (.area, "banes-wide")])]
        for i in 0..<8 { list.append(Tiny.service("g\(i)", "Friendly Group \(i)", org: "org-c", description: "A group that meets weekly.", codes: [(.function, "social-connection"), (.area, "banes-wide")])) }
        let idx = Tiny.index(list)
        let r = idx.search("stroke group ")
        XCTAssertEqual(r.total, 1)
        XCTAssertEqual(r.hits.first.map { idx.services[$0.doc].name }, "Stroke Group")
    }

    /// A place in the words is read as the area; "bath" as a thing is not a place.
    func testAPlaceInTheQueryIsTheArea() {
        let idx = index
        let r = idx.search("walking group bath ", places: Repo.gazetteer)
        XCTAssertEqual(r.place?.place.name, "Bath")
        XCTAssertEqual(r.hits.first.map { idx.services[$0.doc].name }, "Walking Group")
        let radstock = idx.search("dementia radstock ", places: Repo.gazetteer)
        XCTAssertEqual(radstock.place?.area, "somer-valley")
        XCTAssertFalse(radstock.hits.contains { idx.services[$0.doc].name == "Memory Café" }, "a Keynsham café does not serve Radstock")
        XCTAssertTrue(radstock.hits.contains { idx.services[$0.doc].name == "Dementia Adviser" }, "B&NES-wide serves Radstock")
        XCTAssertNil(idx.search("help getting into the bath ", places: Repo.gazetteer).place)
        XCTAssertNil(idx.search("walking group bath ").place, "without a gazetteer, no place is read")
    }

    /// Place words as village-agent volunteers type them, against the bundled gazetteer and
    /// directory: case, punctuation, "saint" for "st", one wrong letter in a name of five or more.
    func testAPlaceTypedLooselyIsStillThePlace() throws {
        let idx = SearchIndex(directory: RoundTripTests.bundledDirectory, taxonomy: Repo.taxonomy, lexicon: try Repo.fixtures.loadLexicon())
        func place(_ q: String) -> String? { idx.search(q, places: Repo.gazetteer).place?.place.name }
        XCTAssertEqual(place("LUNCH CLUB RADSTOCK "), "Radstock")
        XCTAssertEqual(place("memory cafe Midsomer-Norton "), "Midsomer Norton")
        XCTAssertEqual(place("lunch club peasedown saint john "), "Peasedown St John")
        XCTAssertEqual(place("walking group in St. Catherine "), "St Catherine")
        XCTAssertEqual(place("walking group in Saint Catherine's "), "St Catherine", "saint as st, whatever alternatives the gazetteer lists")
        XCTAssertEqual(place("walking group in keynshm "), "Keynsham", "one letter dropped")
        XCTAssertEqual(place("coffee morning timsburry "), "Timsbury", "one letter doubled")
        XCTAssertEqual(place("knit and natter in farmbrough "), "Farmborough")
        XCTAssertEqual(idx.search("walking group in keynshm ", places: Repo.gazetteer).place?.area, "keynsham", "the typo still filters by area")
        // Not places: short names are not guessed, words the directory uses are words, and "bath" as a thing stays a thing.
        XCTAssertNil(place("lunch club bth "))
        XCTAssertNil(place("support after prison "), "prison is one letter from Priston, but a word")
        XCTAssertNil(place("a bath seat "))
        XCTAssertNil(place("help getting into the bath "))
    }

    func testPrefixFindsAsYouType() {
        XCTAssertEqual(Set(names(index.search("demen"))), ["Memory Café", "Dementia Adviser"])
        XCTAssertEqual(names(index.search("walk")), ["Walking Group"])
    }

    func testTypoIsForgivenButExactOutranksFuzzy() {
        // "deman" is a prefix of "demand" (exact) and one typo from "demen…"? No: test a whole word with a space.
        XCTAssertEqual(Set(names(index.search("dementai "))), ["Memory Café", "Dementia Adviser"], "two letters swapped is one edit")
        XCTAssertTrue(index.search("dementai ").hits.allSatisfy(\.fuzzy))
        // "walks" exists exactly; "walka" would be a typo. Exact hits come first even with a lower score.
        let r = index.search("dial ")
        XCTAssertEqual(names(r).first, "Demand Responsive Bus")
        XCTAssertFalse(r.hits[0].fuzzy)
        XCTAssertTrue(index.search("xyzzy ").hits.isEmpty)
        XCTAssertTrue(index.search("cafe ").hits.allSatisfy { !$0.fuzzy })
    }

    /// A number is never a typo of another: "Room 12345" is not found by "12346", nor "BA12" by
    /// "BA13"; a word beside numbers keeps its typo ("walkng" finds "Walking Club 12345").
    func testNumbersAreNotTypos() {
        let idx = Tiny.index([Tiny.service("a", "Walking Club 12345", description: "meets in room 12345, postcode ba12",
                                           codes: [(.function, "physical-activity")])])
        XCTAssertTrue(idx.search("12346 ").hits.isEmpty, "one digit off is another number")
        XCTAssertTrue(idx.search("ba13 ").hits.isEmpty)
        XCTAssertFalse(idx.search("12345 ").hits.isEmpty, "the number itself is found")
        XCTAssertEqual(idx.search("walkng ").hits.first?.fuzzy, true)
        XCTAssertFalse(idx.knows("12346"))
    }

    func testExactMatchAlwaysOutranksFuzzy() {
        // "a" says "dence" thirty times, one typo from "dance", and would win on term frequency;
        // "b" says "dance" once. The exact match must still come first.
        let s = [Tiny.service("a", "Dence Club", description: String(repeating: "dence ", count: 30), codes: [(.function, "physical-activity")]),
                 Tiny.service("b", "Tea Club", description: "a little dance", codes: [(.function, "physical-activity")])]
        let idx = Tiny.index(s)
        let r = idx.search("dance")
        let ids = r.hits.map { idx.services[$0.doc].id }
        XCTAssertEqual(ids.first, "b", "the exact match is first: \(ids)")
        XCTAssertEqual(r.hits.first?.fuzzy, false)
        if let fuzzyAt = ids.firstIndex(of: "a") {
            XCTAssertGreaterThan(fuzzyAt, 0)
            XCTAssertEqual(r.hits[fuzzyAt].fuzzy, true, "the other is there only by the typo")
        }
    }

    func testLexiconExpansion() {
        let r = index.search("keeps forgetting things")
        XCTAssertEqual(Set(names(r)), ["Memory Café", "Dementia Adviser"], "everyday words find services that never use them")
        XCTAssertEqual(r.understood.map(\.phrase), ["keeps forgetting"])
    }

    func testFiltersAndFacets() {
        var f = SearchFilters()
        f.area = "keynsham"
        XCTAssertEqual(Set(names(index.search("", filters: f))), ["Memory Café", "Dementia Adviser"], "banes-wide serves Keynsham too")
        f = SearchFilters(); f.transport = ["home-visit"]
        XCTAssertEqual(names(index.search("", filters: f)), ["Dementia Adviser"])
        f = SearchFilters(); f.cost = ["low-cost"]
        XCTAssertEqual(names(index.search("", filters: f)), ["Demand Responsive Bus"])
        f = SearchFilters(); f.age = 59
        XCTAssertFalse(names(index.search("", filters: f)).contains("Demand Responsive Bus"))
        f.age = 60
        XCTAssertTrue(names(index.search("", filters: f)).contains("Demand Responsive Bus"))
        f = SearchFilters(); f.conditions = ["dementia"]; f.functions = ["information-advice"]
        XCTAssertEqual(names(index.search("", filters: f)), ["Dementia Adviser"], "AND across vocabularies")
        f = SearchFilters(); f.functions = ["information-advice", "physical-activity"]
        XCTAssertEqual(Set(names(index.search("", filters: f))), ["Dementia Adviser", "Walking Group"], "OR within one")
        XCTAssertFalse(names(index.search("")).contains("Closed Club"), "only active services by default")
        f = SearchFilters(); f.statuses = [.active, .temporarilyClosed]
        XCTAssertTrue(names(index.search("", filters: f)).contains("Closed Club"))
        let r = index.search("demen")
        XCTAssertEqual(r.facets["dementia"], 2)
        XCTAssertEqual(r.facets["home-visit"], 1)
        XCTAssertEqual(r.total, 2)
    }

    func testOpenNowFilter() {
        let open = Schedule(id: "o", freq: .weekly, byday: ByDay.parseList("TU")!, opensAt: TimeOfDay(iso: "09:00"), closesAt: TimeOfDay(iso: "12:00"))
        let idx = Tiny.index([Tiny.service("x", "Tuesday Club", codes: [(.function, "social-connection")], schedules: [open]),
                              Tiny.service("y", "Friday Club", codes: [(.function, "social-connection")], schedules: [])])
        var f = SearchFilters(); f.openAt = at("2026-11-24", "10:00")
        XCTAssertEqual(idx.search("club", filters: f).hits.map { idx.services[$0.doc].name }, ["Tuesday Club"])
        f.openAt = at("2026-11-24", "13:00")
        XCTAssertTrue(idx.search("club", filters: f).hits.isEmpty)
        f = SearchFilters(); f.openOn = LocalDate(iso: "2026-12-01")
        XCTAssertEqual(idx.search("club", filters: f).total, 1)
    }

    func testBundledDirectoryAnswersCommonQueries() throws {
        let idx = SearchIndex(directory: RoundTripTests.bundledDirectory, taxonomy: Repo.taxonomy, lexicon: try Repo.fixtures.loadLexicon())
        let top = idx.search("dem", limit: 3).hits.map { idx.services[$0.doc] }
        XCTAssertTrue(top.allSatisfy { $0.has("dementia", in: .condition) }, "three letters find dementia services: \(top.map(\.name))")
        let carers = idx.search("carers", limit: 5).hits.map { idx.services[$0.doc] }
        XCTAssertTrue(carers.allSatisfy { $0.has("carer-support", in: .function) || $0.has("carers", in: .audience) })
        XCTAssertGreaterThan(idx.search("paediatric").total, 0)
        XCTAssertEqual(idx.search("paediatric").total, idx.search("pediatric").total)
    }
}

extension RoundTripTests {
    static let bundledDirectory: Directory = {
        let b = Repo.bundledBatch()
        return Directory(organisations: b.organisations, services: b.services)
    }()
}
