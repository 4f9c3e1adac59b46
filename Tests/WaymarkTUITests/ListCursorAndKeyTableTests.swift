import XCTest
@testable import WaymarkTUI

final class ListCursorTests: XCTestCase {
    func testItClampsAndKeepsTheSelectionInView() {
        var c = ListCursor(count: 30, visible: 10)
        c.move(-5)
        XCTAssertEqual(c.selected, 0, "never above the first")
        c.end()
        XCTAssertEqual(c.selected, 29)
        XCTAssertEqual(c.offset, 20, "the last is in view")
        c.move(10)
        XCTAssertEqual(c.selected, 29, "never past the last")
        c.page(-1)
        XCTAssertEqual(c.selected, 20, "a page is one row less than the pane")
        XCTAssertTrue((c.offset..<c.offset + 10).contains(c.selected))
        c.resize(count: 5, visible: 10)
        XCTAssertEqual(c.selected, 4, "a shorter list pulls the selection in")
        XCTAssertEqual(c.offset, 0)
        c.resize(count: 0, visible: 10)
        XCTAssertEqual(c.selected, 0)
    }

    func testAScrollingPaneStopsAtItsLastPage() {
        var c = ListCursor(count: 25, visible: 10)
        for _ in 0..<10 { c.scroll(c.pageSize) }
        XCTAssertEqual(c.offset, 15)
        XCTAssertTrue(c.atEnd)
        c.scroll(-1)
        XCTAssertEqual(c.offset, 14, "one step back moves at once: it never went past the end")
    }
}

final class KeyTableTests: XCTestCase {
    func testNoKeyMeansTwoThingsInOnePlace() {
        for context in KeyContext.allCases {
            var seen: [Key: Action] = [:]
            for b in KeyTable.bindings where b.contexts.contains(context) {
                for key in b.keys {
                    if let other = seen[key], other != b.action {
                        XCTFail("\(key) in \(context) is both \(other) and \(b.action)")
                    }
                    seen[key] = b.action
                }
            }
        }
    }

    func testEveryHintIsAKeyThatWorksThere() {
        for context in KeyContext.allCases {
            for (label, hint) in KeyTable.hints(for: context) {
                guard let b = KeyTable.bindings.first(where: { $0.label == label && $0.hint == hint }) ?? KeyTable.bindings.first(where: { $0.label == label }) else {
                    return XCTFail("hint \(label) \(hint) in \(context) is not in the table")
                }
                XCTAssertEqual(KeyTable.action(for: b.keys[0], in: context), b.action, "\(label) \(hint) does what it says in \(context)")
            }
        }
    }
}
