import XCTest
@testable import WaymarkTUI

/// Issue 12, item 2: what one field can cost a frame is bounded. The detail pane is rewrapped on
/// every redraw, so a megabyte-long word is cut to `ServiceLines.fieldLimit` and says so.
final class FieldBoundTests: XCTestCase {
    func testAMegabyteFieldIsCutToTheLimitAndSaysHowLongItIs() {
        let huge = "Before " + String(repeating: "W", count: 1_000_000) + " after."
        let shown = ServiceLines.capped(huge)
        XCTAssertLessThan(shown.unicodeScalars.count, ServiceLines.fieldLimit + 60)
        XCTAssertTrue(shown.hasSuffix("…(truncated, \(huge.unicodeScalars.count) characters)"), String(shown.suffix(60)))
        XCTAssertTrue(shown.hasPrefix("Before WWW"))
        let ordinary = String(repeating: "word ", count: 700)
        XCTAssertEqual(ServiceLines.capped(ordinary), ordinary, "a long description is shown whole")
    }
}
