import Foundation
import XCTest
@testable import WaymarkCore
@testable import WaymarkTUI

/// The traps volunteers and navigators fell into (issue 10), each as a session: press keys,
/// then assert what is on screen. Each failed on the layer-split interface it replaces.
final class TrapTests: XCTestCase {
    var hints: (Session) -> String = { $0.lines.last ?? "" }

    // MARK: Trap 2: typing into a list fires commands

    func testTheFirstScreenOffersNoLetterCommandsWhileTypingInTheSearchLine() {
        let s = Session()
        XCTAssertFalse(hints(s).contains("n Needs"), "n would type an n: the hint bar must not offer it: \(hints(s))")
        XCTAssertFalse(s.text.contains("n a person's needs"))
        XCTAssertEqual(s.role(of: "▶Search:"), .title, "the search line's label shows it has the keyboard")
        s.press(.char("n"))
        XCTAssertEqual(s.state.search.query.text, "n")
        XCTAssertEqual(s.state.screen, .search)
    }

    func testTypingAfterComingBackToSearchGoesToTheSearchLine() {
        let s = Session()
        s.press(.down)                       // focus on the list
        s.press(.char("n"))                  // to the needs screen…
        XCTAssertEqual(s.state.screen, .needs)
        s.press(.escape)                     // …and back
        XCTAssertEqual(s.state.screen, .search)
        s.type("dementia")
        XCTAssertEqual(s.state.screen, .search, "the n in dementia did not switch screens")
        XCTAssertEqual(s.state.search.query.text, "dementia")
    }

    func testTypingANameWithTheListFocusedNeverChangesTheShortlist() {
        let s = Session()
        s.type("lunch")
        s.press(.down)
        XCTAssertEqual(s.state.search.focus, .results)
        s.press(.ctrl("u"))                  // not a list command: nothing happens
        s.type(" Bob Jones")                 // a space first, as in "typing a name" mid-thought
        XCTAssertTrue(s.state.person.shortlist.items.isEmpty, "no service was toggled by the space or the letters")
        XCTAssertEqual(s.state.search.focus, .query, "the letters went to the search line, as in fzf")
        XCTAssertEqual(s.state.search.query.text, "lunch Bob Jones")
    }

    func testTheFocusedPaneIsAlwaysVisibleAndTheHintsAreItsOwn() {
        let s = Session()
        s.type("dementia")
        XCTAssertFalse(hints(s).contains("Shortlist"), "the search line has no shortlist key: \(hints(s))")
        s.press(.down)
        XCTAssertTrue(s.text.contains("▶ Results"))
        XCTAssertEqual(s.role(of: "▶ Results"), .title, "the focused pane's title is highlighted")
        XCTAssertEqual(s.role(of: "Search:"), .heading, "the search line no longer looks focused")
        XCTAssertTrue(hints(s).contains("s Shortlist"), hints(s))
        s.press(.enter)
        XCTAssertTrue(s.text.contains("▶ Detail"))
        XCTAssertFalse(s.text.contains("▶ Results"))
        s.press(.char("f"))
        XCTAssertTrue(s.text.contains("▶ Filters"))
        XCTAssertTrue(hints(s).contains("Space Tick"), hints(s))
        XCTAssertFalse(hints(s).contains("Shortlist"), hints(s))
    }

    func testEveryShortlistChangeIsSaidAndUUndoesIt() {
        let s = Session()
        s.type("lunch club")
        s.press(.down, .char("s"))
        XCTAssertEqual(s.state.person.shortlist.items.count, 1)
        XCTAssertTrue(s.lines[22].contains("Added to the shortlist"), s.lines[22])
        XCTAssertTrue(s.lines[22].contains("u undoes"))
        s.press(.char("u"))
        XCTAssertTrue(s.state.person.shortlist.items.isEmpty, "u took it off again")
        XCTAssertTrue(s.lines[22].contains("Undone"), s.lines[22])
        s.press(.char("s"), .down, .char("s"), .char("l"), .char("d"))
        XCTAssertEqual(s.state.person.shortlist.items.count, 1)
        XCTAssertTrue(s.lines[22].contains("Taken off the shortlist"), s.lines[22])
        s.press(.char("u"))
        XCTAssertEqual(s.state.person.shortlist.items.count, 2, "u brings back what d removed")
    }

    // MARK: Trap 3: guided "Anything else?"

    func testGuidedAnythingElseTicksAllThree() {
        let s = Session(guided: true)
        s.type("lonely")
        s.press(.enter, .enter, .enter, .enter)
        XCTAssertTrue(s.text.contains("Anything else?"))
        s.press(.char("1"), .char("2"), .char("3"))
        XCTAssertTrue(s.state.needs.freeOnly && s.state.needs.remoteOK && s.state.needs.homeVisits, "each number ticks its own option")
        XCTAssertEqual(s.text.components(separatedBy: "[x]").count - 1, 3)
        s.press(.up, .char(" "))
        XCTAssertFalse(s.state.needs.remoteOK, "↑ moves to the option above, and Space unticks it")
    }

    // MARK: Trap 4: too small

    func testTooSmallTakesOnlyQAndCtrlC() {
        let s = Session(width: 50, height: 10)
        s.type("dementia")
        s.press(.enter, .tab, .backspace)
        XCTAssertEqual(s.state.search.query.text, "", "no key went into the hidden search line")
        XCTAssertTrue(s.text.contains("bigger"))
        s.press(.char("q"))
        XCTAssertTrue(s.state.quit, "q quits, as the screen says")
        let t = Session(width: 50, height: 10)
        t.press(.ctrl("c"))
        XCTAssertTrue(t.state.quit, "and so does Ctrl-C")
    }

    // MARK: Trap 5: a shortlist longer than the screen

    func testALongShortlistScrollsAndTheDetailNeverSticksPastItsEnd() {
        let s = Session()
        s.type("club")
        s.press(.down)
        for _ in 0..<25 { s.press(.char("s"), .down) }
        XCTAssertEqual(s.state.person.shortlist.items.count, 25)
        s.press(.char("l"))
        s.press(.pageDown)
        XCTAssertGreaterThan(s.state.shortlist.list.selected, 0, "PgDn moves down the list")
        s.press(.end)
        XCTAssertTrue(s.text.contains("25. "), "the last item is on screen after End")
        XCTAssertFalse(s.text.contains(" 1. "), "the list scrolled")
        s.press(.pageUp, .pageUp, .pageUp)
        XCTAssertTrue(s.text.contains(" 1. "), "PgUp scrolls back to the top")
        s.press(.enter)
        for _ in 0..<30 { s.press(.pageDown) }
        let bottom = s.state.shortlist.detail.offset
        XCTAssertTrue(s.text.contains("end"), "the pane says it is at the end")
        XCTAssertEqual(bottom, s.state.shortlist.detail.maxOffset, "PgDn stops at the last page: the pane stays full, never scrolled past its end")
        s.press(.up)
        XCTAssertEqual(s.state.shortlist.detail.offset, bottom - 1, "one step up moves at once: scrolling never went past the end")
    }

    // MARK: Trap 6: wrong or dead hints

    func testHelpsAboutKeyOpensAboutAndTheFilterPanelsFCloses() {
        let s = Session()
        s.press(.function(1))
        XCTAssertTrue(s.text.contains("i about"))
        s.press(.char("i"))
        XCTAssertEqual(s.state.overlay, .about, "i in help opens the about page, as its title says")
        s.press(.escape, .ctrl("f"))
        XCTAssertEqual(s.state.search.focus, .filters)
        s.press(.char("f"))
        XCTAssertEqual(s.state.search.focus, .results, "f closes the filter panel")
    }

    // MARK: Trap 7: Esc goes back where you came from

    func testEscGoesBackWhereYouCameFrom() {
        let s = Session()
        s.press(.down, .char("b"), .enter)
        XCTAssertEqual(s.state.screen, .search)
        s.press(.escape)
        XCTAssertEqual(s.state.screen, .browse, "Esc from a branch's search goes back to browse")
        s.press(.char("l"), .escape)
        XCTAssertEqual(s.state.screen, .browse, "and from the shortlist back to browse again")
        s.press(.escape)
        XCTAssertEqual(s.state.screen, .search)
    }

    // MARK: Trap 8: Enter on a suggestion opens it beside them

    func testEnterOnASuggestionOpensItBesideTheSuggestions() {
        let s = needsWithSuggestions()
        s.press(.down, .enter)
        XCTAssertEqual(s.state.screen, .needs, "still on the needs screen")
        XCTAssertEqual(s.state.needs.focus, .detail)
        XCTAssertTrue(s.text.contains("▶ Why, and the service"))
        XCTAssertTrue(s.text.contains("Why it was suggested"))
        XCTAssertTrue(s.text.contains(" 1. ") && s.text.contains(" 2. "), "the suggestions are still beside it")
        s.press(.escape)
        XCTAssertEqual(s.state.needs.focus, .list)
    }

    // MARK: Trap 9: area counts

    func testAnAreasCountIsWhatTickingItGives() {
        // Dementia services include B&NES-wide and national ones, which every area's tick lets in
        // although they are not tagged with the area: a count of the tag alone is too small.
        let s = Session()
        s.type("dementia")
        s.press(.ctrl("f"))
        let rows = Repo.context.filterRows
        for (i, area) in rows.enumerated() where area.vocabulary == .area && area.code != nil {
            while s.state.search.filterCursor.selected < i { s.press(.down) }
            guard let row = s.lines.first(where: { $0.contains(" \(area.label) (") }) else { XCTFail("\(area.label) is in the panel"); continue }
            let shown = Int(row.components(separatedBy: "\(area.label) (")[1].prefix { $0.isNumber })!
            s.press(.char(" "))
            XCTAssertEqual(s.state.search.total, shown, "the count shown beside \(area.label) is the count ticking it gives")
            XCTAssertTrue(s.text.contains("(•) \(area.label)"), "an area is a radio choice: \(row)")
        }
    }

    // MARK: Trap 10: the person's place

    func testThePersonsPlaceKeepsSearchToTheirAreaAsTheCommandLineDoes() {
        let s = needsWithSuggestions()
        s.press(.function(2))
        XCTAssertEqual(s.state.search.filters.area, "somer-valley")
        XCTAssertTrue(s.text.contains("[Radstock ×]"), "the place is a chip that can be removed")
        var f = SearchFilters()
        f.area = "somer-valley"
        XCTAssertEqual(s.state.search.total, Repo.context.index.search("", filters: f, limit: 0).total, "the same count as `waymark search --place Radstock`")
    }

    // MARK: Trap 11: cut text at 80×24

    func testNothingIsCutAt80x24() {
        let s = Session()
        s.press(.down, .char("n"))
        s.type("my mum keeps forgetting")
        s.press(.tab, .tab, .tab)
        XCTAssertTrue(s.text.contains("4 housebound"), "the whole transport hint shows")
        s.press(.tab, .tab)
        XCTAssertTrue(s.text.contains("Phone or online is fine [ ]"))
        s.press(.function(5))
        // Ranks line up: " 9." and "10." end in the same column.
        let nine = try! XCTUnwrap(s.lines.first { $0.contains(" 9. ") }), ten = try! XCTUnwrap(s.lines.first { $0.contains("10. ") })
        XCTAssertEqual(nine.range(of: " 9. ")!.upperBound.utf16Offset(in: nine), ten.range(of: "10. ")!.upperBound.utf16Offset(in: ten))
        // The scroll marker is on the pane's title row, never over the text.
        let titleRow = try! XCTUnwrap(s.row(containing: "Why, and the service"))
        XCTAssertTrue(s.lines[titleRow].contains("%") || s.lines[titleRow].contains("end"))
    }

    func testALongWhatMattersShowsItsStartOnceTheKeyboardMovesOn() {
        let s = Session()
        s.press(.function(3))
        s.type("my mum keeps forgetting things, gets lost coming back from the shops and has been lonely since dad died")
        s.press(.tab)
        let row = try! XCTUnwrap(s.row(containing: "What matters to them"))
        XCTAssertTrue(s.lines[row].contains("my mum keeps forgetting"), "the field without the keyboard shows how it starts: \(s.lines[row])")
    }

    func testSuggestionNamesKeepRoomToBeToldApartAt80Columns() {
        // Names that start alike differ late. A narrow list says "visits" rather than "comes to
        // you", so 20 letters of each name show.
        let s = needsWithSuggestions()
        let m = try! XCTUnwrap(s.state.needs.match)
        var visits = 0
        for suggestion in m.suggestions.prefix(6) {
            let name = Repo.context.index.services[suggestion.doc].name
            let head = String(name.prefix(20))
            let row = s.lines.first { $0.contains("\(suggestion.rank). ") && $0.contains(String(name.prefix(8))) }
            XCTAssertTrue(row?.contains(head) ?? false, "\"\(head)\" shows: \(row ?? "no row")")
            if row?.contains("visits") ?? false { visits += 1 }
        }
        XCTAssertGreaterThan(visits, 0, "some of these come to the person, so the short mark is what is being tested")
    }

    func testAtWideScreensTheListGetsTheExtraWidthToo() {
        let narrow = Session(width: 80), wide = Session(width: 160)
        narrow.type("memory"); wide.type("memory")
        let border = { (s: Session) in s.lines[5].firstIndex(of: "│").map { s.lines[5].distance(from: s.lines[5].startIndex, to: $0) } ?? 0 }
        XCTAssertEqual(border(narrow), 40)
        XCTAssertEqual(border(wide), 80, "at 160 columns the list is 80 wide, not capped")
    }

    func testAPromptNeverWritesOverItsBorder() {
        let s = Session()
        func bordersHold() {
            let c = s.canvas
            let top = try! XCTUnwrap(s.row(containing: "┌")), bottom = try! XCTUnwrap(s.row(containing: "└"))
            let left = 4, right = 4 + 72 - 1  // the box at 80 columns: 72 wide, centred
            for y in (top + 1)..<bottom {
                XCTAssertEqual(c[left, y].text, "│", "row \(y) keeps its left border")
                XCTAssertEqual(c[right, y].text, "│", "row \(y) keeps its right border: \(s.lines[y])")
            }
        }
        s.press(.ctrl("n"))
        bordersHold()
        XCTAssertTrue(s.text.contains("start afresh"))
        // A typed answer longer than the box scrolls inside it.
        s.press(.escape, .function(6), .char("N"))
        s.type(String(repeating: "Bartholomew ", count: 8))
        bordersHold()
    }

    // MARK: Trap 14: the age field

    func testTheAgeFieldSaysYearsAndNeverSilentlyDropsALetter() {
        let s = Session()
        s.press(.function(3), .tab, .tab)
        XCTAssertTrue(s.text.contains("Age in years"))
        s.type("8x")
        XCTAssertTrue(s.text.contains("digits only, so \"x\" was not added"), "the dropped letter is said")
        s.type("1")
        XCTAssertEqual(s.state.needs.age.text, "81")
    }

    // MARK: Trap 15: the clock

    func testTheClockTicksSoOpenNowStaysTrue() {
        let s = Session()
        s.type("lunch club")
        let open = { s.text.components(separatedBy: "●").count - 1 }
        let morning = open()
        XCTAssertGreaterThan(morning, 0, "at 10:30 on a Tuesday some are open")
        s.program.apply(.tick(LocalDateTime(date: LocalDate(year: 2026, month: 11, day: 24), minute: 23 * 60)))
        XCTAssertEqual(s.state.now.minute, 23 * 60)
        XCTAssertLessThan(open(), morning, "at 23:00 fewer are: the marks follow the clock")
    }

    func testTheRunningLoopTicksByItself() {
        // The real loop, with no key pressed: only the tick can move the clock on.
        let late = LocalDateTime(date: LocalDate(year: 2026, month: 11, day: 24), minute: 23 * 60)
        let screen = IdleScreen(quitAfter: 0.6)
        let program = Program(screen: screen, context: Repo.context, store: nil, guided: false, clock: { late })
        program.tickInterval = 0.1
        program.run()
        XCTAssertEqual(program.state.now, late, "the loop asked the clock and the screen moved on to 23:00")
    }

    // MARK: The needs screen (issue 8)

    func testTheSafetyNoticeComesFirstAndEverySuggestionCanBeReached() {
        let s = Session()
        s.press(.function(3))
        s.type("I want to end my life, I can't cope with caring for mum")
        s.press(.function(5))
        XCTAssertTrue(s.lines[1].contains("SAFETY FIRST"), "the notice is the first thing under the title: \(s.lines[1])")
        XCTAssertTrue(s.text.contains("999"))
        XCTAssertEqual(s.role(of: "SAFETY FIRST"), .warning)
        XCTAssertLessThan(s.row(containing: "999")!, s.row(containing: "speaker:") ?? 99, "before what was understood")
        // The list pages on as the cursor reaches the row for the rest of each kind (End reaches
        // the near misses' row; the suggestions' row sits between the two kinds).
        var count = 0
        repeat {
            count = s.state.needs.rows.count
            s.press(.end)
            while let at = s.state.needs.rows.firstIndex(of: .more(.suggestions)), s.state.needs.list.selected > at { s.press(.up) }
        } while s.state.needs.rows.count != count
        s.press(.end)
        let m = s.state.needs.match!
        XCTAssertEqual(count, m.eligibleCount + m.nearMissCount, "every suggestion and near miss has a row")
        XCTAssertTrue(s.text.contains("\(count)/\(count)"), "End reaches the last of all \(count) rows")
    }

    func testTheSpeakerIsShownAndCanBeCorrected() {
        let s = needsWithSuggestions()
        XCTAssertTrue(s.text.contains("speaker: a carer"), "the role is shown")
        XCTAssertTrue(s.text.contains("\"Who is speaking\" corrects it"), "and where to correct it")
        s.press(.escape)
        while s.state.needs.field != .speaker { s.press(.tab) }
        XCTAssertTrue(s.text.contains("Who is speaking") && s.text.contains("as their words say"))
        s.press(.right, .right, .right, .right)
        XCTAssertEqual(s.state.needs.speaker, .professional)
        s.press(.function(5))
        XCTAssertTrue(s.text.contains("speaker: a worker speaking for a client"), "the correction is used: \(s.text)")
    }

    // MARK: A fresh start for each person

    func testNewPersonClearsTheFormTheShortlistAndItsNotesAfterAsking() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        let s = Session(store: store)
        s.type("lunch club")
        s.press(.down, .char("s"), .char("l"), .char("e"))
        s.type("ask for Sue")
        s.press(.enter, .function(3))
        s.type("lonely")
        let old = s.state.person.shortlist.name
        s.press(.ctrl("n"))
        XCTAssertTrue(s.text.contains("New person"), "it asks first")
        s.press(.char("2"))
        XCTAssertEqual(s.state.person.shortlist.items.count, 1, "No keeps everything")
        s.press(.ctrl("n"), .char("1"))
        XCTAssertTrue(s.state.person.shortlist.items.isEmpty)
        XCTAssertEqual(s.state.needs.text.text, "")
        XCTAssertTrue(s.text.contains("fresh start"))
        XCTAssertEqual(try store.loadShortlist(named: old)?.items.first?.note, "ask for Sue", "the last person's list stays saved under its name")
    }

    func testTheFirstScreenOffersToContinueTheLastListOrStartAfresh() throws {
        let path = Repo.tempDir() + "/w.sqlite"
        let first = Session(store: try Store(path: path))
        first.type("lunch club")
        first.press(.down, .char("s"))
        let again = Session(store: try Store(path: path))
        XCTAssertTrue(again.text.contains("Last time:"), "the first screen asks")
        again.press(.char("1"))
        XCTAssertEqual(again.state.person.shortlist.items.count, 1, "continue keeps the list")
        let third = Session(store: try Store(path: path))
        third.press(.char("2"))
        XCTAssertTrue(third.state.person.shortlist.items.isEmpty, "afresh starts an empty list")
    }

    func testTheHandoutsFullPathStaysOnTheShortlistScreen() {
        let s = Session()
        s.program.handoutFolder = NSTemporaryDirectory() + "waymark-a-rather-long-folder-name-\(getpid())/for-the-handouts-of-today"
        s.type("lunch club")
        s.press(.down, .char("s"), .char("l"), .char("x"), .char("1"))
        s.program.settle()
        let path = try! XCTUnwrap(s.state.person.handoutPath)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        let shown = s.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        XCTAssertTrue(shown.contains(path), "the whole path is on screen, wrapped: \(s.text)")
        s.press(.char("n"), .function(6))
        XCTAssertTrue(s.text.contains("Last handout written to"), "and it is still there on coming back")
    }

    // MARK: Helpers

    func needsWithSuggestions() -> Session { Session.needsWithSuggestions() }
}

/// The handout: printing the format just chosen, and "save as" that copies.
final class HandoutFlowTests: XCTestCase {
    func testPPrintsTheFormatJustChosen() {
        let s = Session()
        s.type("lunch club")
        s.press(.down, .char("s"), .char("l"), .char("x"), .char("2"))
        let effects = s.program.apply(.key(.char("p")))
        guard case .printHandout(let request)? = effects.first else { return XCTFail("p prints: \(effects)") }
        XCTAssertEqual(request.format, .largePrint, "large print was chosen last, so large print is printed")
        XCTAssertTrue(s.text.contains("Printing the large print handout"))
    }

    func testSaveAsCopiesAndKeepsTheOldList() throws {
        let path = Repo.tempDir() + "/w.sqlite"
        let s = Session(store: try Store(path: path))
        s.type("lunch club")
        s.press(.down, .char("s"), .char("l"), .char("r"), .ctrl("u"))
        s.type("For Mrs B")
        s.press(.enter)
        let store = try Store(path: path)
        XCTAssertEqual(try store.loadShortlist(named: "For Mrs B")?.items.count, 1)
        XCTAssertEqual(try store.loadShortlist(named: "My shortlist")?.items.count, 1, "the old list is kept")
    }
}
