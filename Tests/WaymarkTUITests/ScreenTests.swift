import XCTest
@testable import WaymarkCore
@testable import WaymarkTUI

/// Every screen at 80×24, driven through `update` with key events, as a person would.
final class ScreenTests: XCTestCase {
    func testSearchScreen() {
        let s = Session()
        XCTAssertTrue(s.text.contains("SAMPLE DATA"))
        s.type("demen")
        XCTAssertTrue(s.text.contains("Search: demen"))
        XCTAssertTrue(s.lines[4].contains("Dementia"), "the first result is about dementia")
        XCTAssertTrue(s.lines[23].contains("Quit"), "the hint bar shows how to quit")
        s.assertSnapshot("search-typing")
        s.press(.down)
        XCTAssertEqual(s.state.search.focus, .results)
        s.assertSnapshot("search-results")
    }

    func testABurstOfKeysIsOneSearchAndAStaleResultIsDropped() {
        let s = Session()
        var effects: [Effect] = []
        for ch in "dementia" { effects += s.program.apply(.key(.char(ch))) }
        XCTAssertEqual(effects.count, 8, "each key asks for a search…")
        guard case .search(let last)? = effects.last else { return XCTFail("the last effect is a search") }
        XCTAssertEqual(last.text, "dementia", "…and each search carries its own text")
        s.program.perform(effects)
        s.program.settle()
        XCTAssertEqual(s.state.search.query.text, "dementia")
        XCTAssertEqual(s.state.search.total, Repo.context.index.search("dementia", limit: 500).total, "…but the results are the last query's")
        let stale = Repo.context.index.search("d", limit: 500)
        s.program.apply(.searchDone(generation: s.state.search.generation - 3, result: stale, areaCounts: [:]))
        XCTAssertNotEqual(stale.total, s.state.search.total)
        XCTAssertEqual(s.state.search.total, Repo.context.index.search("dementia", limit: 500).total, "a stale result is dropped")
    }

    func testLettersInTheSearchLineAreText() {
        let s = Session()
        s.type("quiet lunch")
        XCTAssertFalse(s.state.quit, "q is a letter while typing")
        XCTAssertEqual(s.state.search.query.text, "quiet lunch")
        XCTAssertEqual(s.state.screen, .search, "n and l did not change screens")
        s.press(.escape) // leave the field, then q quits
        s.press(.char("q"))
        XCTAssertTrue(s.state.quit)
    }

    func testFilterPanelChipsAndCounts() {
        let s = Session()
        s.type("dementia")
        s.press(.ctrl("f"))
        XCTAssertEqual(s.state.search.focus, .filters)
        XCTAssertTrue(s.text.contains("( ) Bath ("), "an area is a radio choice with its count")
        s.press(.down, .down, .down, .down, .char(" ")) // past place and age, Bath, Bathavon: Keynsham and Saltford
        XCTAssertEqual(s.state.search.filters.area, "keynsham")
        XCTAssertTrue(s.text.contains("[Keynsham and Saltford ×]"), "an active filter is a chip")
        s.assertSnapshot("search-filters")
        let total = s.state.search.total
        s.press(.char("f"), .char("/"))
        XCTAssertEqual(s.state.search.focus, .query)
        s.press(.ctrl("u"), .backspace) // empty the line, then Backspace removes the last chip
        XCTAssertNil(s.state.search.filters.area)
        XCTAssertGreaterThan(s.state.search.total, total)
    }

    func testPlaceAndAgeInTheFilterPanel() {
        let s = Session()
        s.type("lunch")
        s.press(.ctrl("f"), .enter)
        XCTAssertNotNil(s.state.overlay, "Enter on 'Where the person lives…' asks")
        s.type("radstok")
        s.press(.enter)
        XCTAssertEqual(s.state.search.filters.area, "somer-valley", "a typo in the place is forgiven")
        XCTAssertTrue(s.text.contains("[Radstock ×]"))
        XCTAssertTrue(s.text.contains(" km"), "rows show distances from the place")
        s.press(.down, .enter)
        s.type("70")
        s.press(.enter)
        XCTAssertEqual(s.state.search.filters.age, 70)
        XCTAssertTrue(s.text.contains("[Age 70 ×]"))
        s.press(.char("x"))
        XCTAssertNil(s.state.search.filters.area)
        XCTAssertNil(s.state.search.filterPlace)
    }

    func testDetailPaneShowsWhatANavigatorNeeds() {
        let s = Session()
        s.type("memory cafe keynsham")
        s.press(.down, .enter)
        XCTAssertEqual(s.state.search.focus, .detail)
        XCTAssertTrue(s.text.contains("Keynsham Memory Café"))
        XCTAssertTrue(s.text.contains("About"))
        s.assertSnapshot("search-detail")
        var seen = s.text
        for _ in 0..<6 { s.press(.pageDown); seen += s.text }
        for heading in ["How to get it", "Hours", "Contact", "Where", "Record", "Last verified"] {
            XCTAssertTrue(seen.contains(heading), "the detail pane scrolls to \(heading)")
        }
    }

    func testNeedsFormAndSuggestions() {
        let s = Session()
        s.press(.escape, .char("n"))
        XCTAssertEqual(s.state.screen, .needs)
        s.type("my mum keeps forgetting things and dad is worn out")
        s.press(.tab)
        s.type("radstok")
        XCTAssertTrue(s.text.contains("→ Radstock"), "the place autocompletes, forgiving a typo")
        s.press(.enter)
        s.type("81")
        s.press(.tab, .char("3"))
        XCTAssertEqual(s.state.needs.transport, .noCar)
        s.assertSnapshot("needs-form")
        s.press(.function(5))
        XCTAssertEqual(s.state.needs.focus, .list)
        let text = s.text
        XCTAssertTrue(text.contains("keeps forgetting → dementia and memory"), "what was understood")
        XCTAssertTrue(text.contains("Suggestions"))
        XCTAssertTrue(text.contains("lives in Radstock"), "the place shows in the title line")
        s.assertSnapshot("needs-suggestions")
        s.press(.char("s"))
        XCTAssertEqual(s.state.person.shortlist.items.count, 1)
    }

    func testGuidedModeAsksOneQuestionAtATime() {
        let s = Session(guided: true)
        XCTAssertEqual(s.state.screen, .needs)
        XCTAssertTrue(s.text.contains("What matters to them?"))
        s.assertSnapshot("needs-guided")
        s.type("lonely since my wife died")
        s.press(.enter)
        XCTAssertTrue(s.text.contains("Where do they live?"))
        s.type("Keynsham")
        s.press(.enter, .enter, .char("4"), .enter, .enter)
        XCTAssertEqual(s.state.needs.focus, .list, "the last Enter shows services")
        s.press(.escape, .ctrl("g"))
        XCTAssertFalse(s.state.needs.guided, "^G switches back to the whole form")
    }

    func testBrowseOpensABranchAsASearch() {
        let s = Session()
        s.press(.escape, .char("b"))
        s.assertSnapshot("browse")
        s.press(.right)
        XCTAssertEqual(s.state.browse.dimension, .function)
        s.press(.enter)
        XCTAssertEqual(s.state.screen, .search)
        XCTAssertEqual(s.state.search.filters.functions, ["prevention"])
        XCTAssertTrue(s.text.contains("[Staying well ×]"))
    }

    func testShortlistReorderNotesAndHandoutPrompt() {
        let s = Session()
        s.type("lunch club")
        s.press(.down, .char("s"), .down, .char("s"))
        s.press(.char("l"))
        XCTAssertEqual(s.state.screen, .shortlist)
        let second = s.state.person.shortlist.items[1].serviceID
        s.press(.down, .char("K"))
        XCTAssertEqual(s.state.person.shortlist.items[0].serviceID, second, "K moves the service up")
        s.press(.char("e"))
        s.type("ask for Sue")
        s.press(.enter)
        XCTAssertEqual(s.state.person.shortlist.items[0].note, "ask for Sue")
        XCTAssertTrue(s.text.contains("Note: ask for Sue"))
        s.assertSnapshot("shortlist")
        s.press(.char("x"))
        s.assertSnapshot("shortlist-export")
        s.press(.escape)
        XCTAssertNil(s.state.overlay)
    }

    func testHelpAndAbout() {
        let s = Session()
        s.press(.function(1))
        guard case .help? = s.state.overlay else { return XCTFail("F1 opens help") }
        XCTAssertTrue(s.text.contains("Up one line"))
        s.assertSnapshot("help")
        s.press(.end)
        XCTAssertTrue(s.text.contains("Quit cleanly"), "the help scrolls to the keys that work everywhere")
        s.press(.escape, .escape, .char("i"))
        XCTAssertTrue(s.text.contains("SAMPLE DATA: built on the 2015 consultation"))
        XCTAssertTrue(s.text.contains("Waymark 0.1.0"))
        s.assertSnapshot("about")
        s.press(.escape, .char("?"))
        guard case .help? = s.state.overlay else { return XCTFail("? in a list opens help") }
    }

    func testTinyTerminalNeverCrashes() {
        for (w, h) in [(59, 24), (80, 15), (50, 10), (1, 1), (0, 0)] {
            let s = Session(width: w, height: h)
            s.type("dementia")
            s.press(.down, .char("n"), .char("b"), .char("l"), .char("?"))
            // Too narrow for the whole sentence, the first words still say it.
            if w >= 30 && h > 0 { XCTAssertTrue(s.text.contains("bigger"), "\(w)×\(h) says the window is too small") }
            if w > 0 && w < 30 && h > 0 { XCTAssertFalse(s.text.isEmpty, "\(w)×\(h) shows the start of the message") }
        }
        let s = Session(width: 80, height: 24)
        s.press(.resize(width: 50, height: 10))
        XCTAssertTrue(s.text.contains("Waymark needs a bigger window"))
        s.assertSnapshot("too-small")
        s.press(.resize(width: 60, height: 16))
        XCTAssertTrue(s.text.contains("Search:"), "back to work at 60×16")
    }

    func testTextFromDataNeverReachesTheTerminalRaw() {
        var c = Canvas(width: 20, height: 1)
        c.put("a\u{1B}[2Jb\u{07}c\u{9B}31md", x: 0, y: 0)
        XCTAssertEqual(c.lines[0].trimmingCharacters(in: .whitespaces), "abcd")
        var wide = Canvas(width: 6, height: 1)
        wide.put("é’—✓漢", x: 0, y: 0)
        XCTAssertEqual(wide.lines[0], "é’—✓漢", "UTF-8 takes its true width: 漢 fills two cells")
    }

    func testKeyTableIsTheKeyboardDoc() throws {
        let doc = try String(contentsOfFile: Repo.root + "/docs/keyboard.md", encoding: .utf8)
        XCTAssertEqual(doc, KeyTable.markdown() + "\n", "docs/keyboard.md is generated: run `waymark keys > docs/keyboard.md`")
    }
}
