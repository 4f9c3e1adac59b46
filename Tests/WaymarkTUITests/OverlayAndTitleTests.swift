import Foundation
import XCTest
@testable import WaymarkCore
@testable import WaymarkTUI

/// A dialog owns the rows it covers, and the title bar drops a whole part rather than cutting a word.
final class OverlayAndTitleTests: XCTestCase {
    func testADialogLeavesNoPieceOfThePaneBesideItsBorder() {
        let s = Session()
        s.type("lunch club")
        s.press(.down, .char("s"), .down, .char("s"), .char("l"))
        s.press(.char("x"))
        XCTAssertTrue(s.text.contains("Write the handout as"))
        let top = s.lines.firstIndex { $0.contains("┌─ Number or Enter") }!, bottom = s.lines.lastIndex { $0.contains("└") }!
        XCTAssertLessThan(top, bottom, s.text)
        for row in s.lines[top...bottom] {
            let border = row.lastIndex { $0 == "│" || $0 == "┐" || $0 == "┘" }!
            XCTAssertEqual(row[row.index(after: border)...].trimmingCharacters(in: .whitespaces), "",
                           "nothing beside the dialog's border:\n\(s.text)")
        }
    }

    func testTheTitleDropsTheServiceCountBeforeCuttingAWordAndKeepsTheBadge() {
        let s = Session(guided: true)
        s.type("lonely since my wife died")
        s.press(.enter)
        s.type("Peasedown")
        let title = s.lines[0]
        XCTAssertTrue(title.contains("lives in Peasedown St John"), title)
        XCTAssertTrue(title.hasSuffix("SAMPLE DATA "), title)
        XCTAssertFalse(title.contains("servic"), "a part that does not fit is dropped whole: \(title)")
    }
}
