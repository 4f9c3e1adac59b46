import XCTest
@testable import WaymarkCore
@testable import WaymarkTUI

/// The TUI tells the same story as `waymark search`: what is found, what is only related, and a
/// line between them in the list that the cursor steps over.
final class SearchDividerTests: XCTestCase {
    func testTheSearchLineCountsFoundAndRelatedAndTheListShowsTheLine() throws {
        let s = Session()
        s.type("memory cafe")
        s.program.settle()
        let found = s.state.search.total, related = s.state.search.results.count - found
        XCTAssertGreaterThan(found, 0)
        XCTAssertGreaterThan(related, 0, "this search has loosely related results too")
        XCTAssertTrue(s.lines[1].contains("\(found) found · \(related) related"), s.lines[1])
        XCTAssertTrue(s.lines[3].contains("1/\(found + related)"), "the list counts what it lists: \(s.lines[3])")
        s.press(.down)
        for _ in 1..<found { s.press(.down) }
        XCTAssertTrue(s.lines[3].contains("\(found)/\(found + related)"), s.lines[3])
        s.press(.down)
        XCTAssertTrue(s.text.contains("── related"), "the divider is drawn between found and related:\n\(s.text)")
        XCTAssertTrue(s.lines[3].contains("\(found + 1)/\(found + related)"), "the cursor steps over the divider: \(s.lines[3])")
        XCTAssertEqual(s.state.search.selectedDoc, s.state.search.results[found])
        let divider = try XCTUnwrap(s.lines.firstIndex { $0.contains("── related") })
        XCTAssertTrue(s.lines[divider + 1].contains(String(Repo.context.index.services[s.state.search.results[found]].name.prefix(12))), "the first related result is under the line")
        s.press(.up)
        XCTAssertEqual(s.state.search.selectedDoc, s.state.search.results[found - 1], "and back over it")
    }
}
