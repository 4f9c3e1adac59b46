import Foundation
import XCTest
@testable import WaymarkCore
@testable import WaymarkTUI

/// The shortlist's own notes (one for the person, printed; one private, never printed) and
/// who gives the handout, kept on this computer only when the navigator asks.
final class ListNotesAndGivenByTests: XCTestCase {
    func written(_ s: Session, format: Int = 1) throws -> String {
        s.press(.char("x"), .char(Character(String(format))))
        s.program.settle()
        return try String(contentsOfFile: try XCTUnwrap(s.state.person.handoutPath), encoding: .utf8)
    }

    func testTheListsTwoNotesHaveKeysAndOnlyThePersonsIsPrinted() throws {
        let s = Session()
        s.onShortlist()
        XCTAssertTrue(s.lines.last?.contains("w List note") ?? false, "the hint bar offers it: \(s.lines.last ?? "")")
        s.press(.char("w"))
        XCTAssertTrue(s.text.contains("whole list"), "a box asks for the list's note")
        s.type("bring your glasses")
        s.press(.enter)
        XCTAssertEqual(s.state.person.shortlist.note, "bring your glasses")
        XCTAssertTrue(s.text.contains("List note: bring your glasses"), "shown on the shortlist screen:\n\(s.text)")
        s.press(.char("W"))
        XCTAssertTrue(s.text.contains("private: not printed"))
        s.type("son has power of attorney")
        s.press(.enter)
        XCTAssertEqual(s.state.person.shortlist.privateNote, "son has power of attorney")
        XCTAssertTrue(s.text.contains("Private, not printed: son has"), "labelled as private:\n\(s.text)")
        s.assertSnapshot("shortlist-list-notes")
        for n in 1...Handout.Format.allCases.count {
            let text = try written(s, format: n)
            XCTAssertTrue(text.contains("bring your glasses"), "the person's list note is printed (format \(n))")
            XCTAssertFalse(text.contains("attorney"), "the private list note is not (format \(n))")
        }
        s.press(.char("u"))
        XCTAssertEqual(s.state.person.shortlist.privateNote, "", "u undoes a list note too")
    }

    func testTheListNoteIsKeptWithTheList() throws {
        let path = Repo.tempDir() + "/w.sqlite"
        let s = Session(store: try Store(path: path))
        s.onShortlist()
        s.press(.char("w"))
        s.type("bring your glasses")
        s.press(.enter)
        s.program.settle()
        XCTAssertEqual(try Store(path: path).loadShortlist(named: s.state.person.shortlist.name)?.note, "bring your glasses")
    }

    func testGivenByIsOnTheHandoutAndStoredOnlyWhenAsked() throws {
        let settings = SettingsFile(path: Repo.tempDir() + "/settings/settings.json")
        let s = Session(settings: settings)
        s.onShortlist()
        s.press(.char("g"))
        XCTAssertTrue(s.text.contains("Given to you by"), "a box asks who gives it")
        s.type("Sam, village agent, Age UK B&NES")
        s.press(.enter)
        XCTAssertTrue(s.text.contains("Keep this for next time?"), "it asks before keeping anything")
        s.press(.char("1"))
        s.program.settle()
        XCTAssertFalse(FileManager.default.fileExists(atPath: settings.path), "only for now: nothing written")
        XCTAssertTrue(s.text.contains("Handout ends: Given to you by Sam, village agent"), "shown before the handout is written:\n\(s.text)")
        XCTAssertTrue(try written(s).contains("Given to you by Sam, village agent, Age UK B&NES."))
        XCTAssertNil(Session(settings: settings).state.givenBy, "a new window does not know it")

        s.press(.char("g"), .enter, .char("2"))
        s.program.settle()
        XCTAssertEqual(settings.load().givenBy, "Sam, village agent, Age UK B&NES", "kept when asked")
        let mode = try FileManager.default.attributesOfItem(atPath: settings.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600, "the file is the navigator's own")
        let next = Session(settings: settings)
        XCTAssertEqual(next.state.givenBy, "Sam, village agent, Age UK B&NES", "the next session has it")
        next.press(.ctrl("n"), .char("1"))
        XCTAssertEqual(next.state.givenBy, "Sam, village agent, Age UK B&NES", "a new person keeps who gives the handout")

        next.press(.function(6), .char("g"), .ctrl("u"), .enter)
        next.program.settle()
        XCTAssertNil(next.state.givenBy)
        XCTAssertFalse(FileManager.default.fileExists(atPath: settings.path), "emptied: forgotten on this computer too")
    }
}
