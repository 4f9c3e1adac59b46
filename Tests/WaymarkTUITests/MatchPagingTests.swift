import XCTest
@testable import WaymarkCore
@testable import WaymarkTUI

/// The suggestions list asks for a page at a time, so a large directory answers at once, and
/// pages on when the cursor reaches the end, so that every suggestion can still be reached.
final class MatchPagingTests: XCTestCase {
    /// Words broad enough that more services fit than one page holds.
    static let broad = "lonely and isolated, would like company and something to do"

    /// Tall enough that a whole page and the row after it are on screen at once.
    func matched() -> Session {
        let s = Session(height: 80)
        s.press(.function(3))
        s.type(Self.broad)
        s.press(.function(5))
        return s
    }

    func testTheFirstPageSaysHowManyFitAndOffersTheRest() throws {
        let s = matched()
        let m = try XCTUnwrap(s.state.needs.match)
        XCTAssertGreaterThan(m.eligibleCount, NeedsScreen.page, "the test needs more suggestions than a page")
        XCTAssertEqual(m.suggestions.count, NeedsScreen.page, "one page is asked for and explained")
        XCTAssertNotNil(s.row(containing: "Suggestions \(m.eligibleCount)"), "the title counts every service that fits:\n\(s.text)")
        // The row that stands for the rest is the one after the page.
        s.press([Key](repeating: .down, count: NeedsScreen.page - 1))
        XCTAssertEqual(s.state.needs.match?.suggestions.count, NeedsScreen.page, "the last of the page does not ask for more")
        XCTAssertNotNil(s.row(containing: "\(NeedsScreen.page). "), "the 50th suggestion is on screen")
        XCTAssertNotNil(s.row(containing: "\(m.eligibleCount - NeedsScreen.page) more that fit: Enter"), "the row for the rest says how many:\n\(s.text)")
    }

    func testReachingTheEndOfThePageShowsTheNextInTheSameOrder() throws {
        let s = matched()
        let first = try XCTUnwrap(s.state.needs.match)
        s.press([Key](repeating: .down, count: NeedsScreen.page))
        let next = try XCTUnwrap(s.state.needs.match)
        XCTAssertEqual(next.suggestions.count, min(first.eligibleCount, 2 * NeedsScreen.page), "the next page arrived")
        XCTAssertEqual(Array(next.suggestions.prefix(NeedsScreen.page).map(\.doc)), first.suggestions.map(\.doc),
                       "the first page keeps its order: nothing already read moves")
        XCTAssertEqual(s.state.needs.list.selected, NeedsScreen.page, "the cursor stays, now on the 51st")
        XCTAssertNotNil(s.row(containing: "\(NeedsScreen.page + 1). "), "the 51st suggestion is on screen:\n\(s.text)")
        // The same as one match asking for two pages at once.
        let matcher = Matcher(index: Repo.context.index, gazetteer: Repo.context.gazetteer, now: Repo.context.now)
        let whole = matcher.match(s.state.needs.profile, limit: 2 * NeedsScreen.page)
        XCTAssertEqual(next.suggestions.map(\.doc), whole.suggestions.map(\.doc))
    }

    func testPagingOnReachesEverySuggestionOnceAndThenTheRowForTheRestGoes() throws {
        let s = matched()
        let total = try XCTUnwrap(s.state.needs.match).eligibleCount
        XCTAssertTrue(s.state.needs.rows.contains(.more(.suggestions)))
        var pages = 0
        while (s.state.needs.match?.suggestions.count ?? total) < total, pages < 100 {
            s.press([Key](repeating: .down, count: NeedsScreen.page))
            pages += 1
        }
        let m = try XCTUnwrap(s.state.needs.match)
        XCTAssertEqual(Set(m.suggestions.map(\.doc)).count, total, "every service that fits is reached, none twice")
        XCTAssertFalse(s.state.needs.rows.contains(.more(.suggestions)), "nothing is left to ask for")
    }

    /// End is the last suggestion, as in any list: not the row that stands for the rest, and not
    /// a cursor left in the middle of a list that grew under it (it stood at 83 of 132).
    func testEndGoesToTheLastOfEverythingThatNearlyFits() throws {
        let s = matched()
        let first = try XCTUnwrap(s.state.needs.match)
        XCTAssertGreaterThan(first.nearMissCount, first.nearMisses.count, "the test needs near misses past a page")
        s.press(.end)
        let m = try XCTUnwrap(s.state.needs.match)
        XCTAssertEqual(m.suggestions.count, m.eligibleCount, "every suggestion is there")
        XCTAssertEqual(m.nearMisses.count, m.nearMissCount, "every near miss is there")
        let rows = s.state.needs.rows
        XCTAssertFalse(rows.contains { if case .more = $0 { return true } else { return false } }, "nothing is left to ask for")
        XCTAssertEqual(s.state.needs.list.selected, rows.count - 1, "the cursor is on the last row")
        XCTAssertEqual(rows.last, .nearMiss(m.nearMissCount - 1))
        XCTAssertNotNil(s.row(containing: " \(rows.count)/\(rows.count) "), "the list says it is at its last row:\n\(s.text)")
        s.press(.home)
        XCTAssertEqual(s.state.needs.list.selected, 0, "Home goes back to the first")
        XCTAssertEqual(s.state.needs.match?.suggestions.count, m.eligibleCount, "and nothing is asked for again")
    }

    /// The rest asked for by End, arriving after Esc went back to the form, leaves the form open:
    /// it used to pull the screen back to the suggestions under the person's typing.
    func testAPageThatArrivesAfterEscLeavesTheFormOpen() throws {
        let s = matched()
        let asked = s.program.apply(.key(.end))
        XCTAssertFalse(asked.isEmpty, "End asks for the rest")
        s.program.perform(s.program.apply(.key(.escape)))
        s.program.settle()
        XCTAssertEqual(s.state.needs.focus, .form)
        s.program.perform(asked)
        s.program.settle()
        XCTAssertEqual(s.state.needs.focus, .form, "the form is still open:\n\(s.text)")
        let m = try XCTUnwrap(s.state.needs.match)
        XCTAssertEqual(m.nearMisses.count, m.nearMissCount, "and the rest arrived behind it")
        XCTAssertNotNil(s.row(containing: "Getting about"), "the form is on screen:\n\(s.text)")
    }
}
