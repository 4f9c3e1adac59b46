import Foundation
import XCTest
@testable import WaymarkCore
@testable import WaymarkTUI

/// Two windows on one directory, each with its own Store, editing the same shortlist.
final class ShortlistMergeTests: XCTestCase {
    func testTwoWindowsBothKeepTheirShortlistEdits() throws {
        let dir = NSTemporaryDirectory() + "waymark-merge-\(getpid())-\(UUID().uuidString.prefix(6))"
        let path = dir + "/w.sqlite"
        let a = Session(store: try Store(path: path)), b = Session(store: try Store(path: path))
        a.type("lunch club"); a.press(.down, .char("s"))
        b.type("lunch club"); b.press(.down, .down, .down, .char("s"))
        let fromA = a.state.person.shortlist.items[0].serviceID
        // B's save merges: B's window now shows A's service first, then its own.
        XCTAssertEqual(b.state.person.shortlist.items.count, 2)
        XCTAssertEqual(b.state.person.shortlist.items.first?.serviceID, fromA)
        let fromB = try XCTUnwrap(b.state.person.shortlist.items.last?.serviceID)
        a.press(.down, .char("s"))  // A adds a second service, after B saved
        let saved = try XCTUnwrap(try Store(path: path).loadShortlist(named: "My shortlist")).items.map(\.serviceID)
        XCTAssertTrue(saved.contains(fromA) && saved.contains(fromB), "both windows' services are saved: \(saved)")
        XCTAssertEqual(saved.count, 3)
        XCTAssertEqual(a.state.person.shortlist.items.map(\.serviceID), saved, "A's window shows B's service after its save")
    }
}
