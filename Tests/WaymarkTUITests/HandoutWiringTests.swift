import Foundation
import XCTest
@testable import WaymarkCore
@testable import WaymarkTUI

/// The shortlist screen on the new handout calls: five formats, two kinds of note, save-as
/// that refuses a taken name, and a new person's list named by the store.
final class HandoutWiringTests: XCTestCase {
    func testTheExportPromptOffersAllFiveFormats() {
        let s = Session()
        s.onShortlist()
        s.press(.char("x"))
        guard case .prompt(let p)? = s.state.overlay else { return XCTFail("x asks for a format") }
        XCTAssertEqual(p.choices.count, 5)
        for format in Handout.Format.allCases {
            XCTAssertTrue(s.text.contains(format.label), "the prompt offers \(format.label):\n\(s.text)")
        }
        s.press(.char("5"))
        s.program.settle()
        XCTAssertEqual(s.state.person.handoutFormat, .largeHTML)
        XCTAssertTrue(s.state.person.handoutPath?.hasSuffix(".large.html") ?? false, "5 writes the large-print web page")
    }

    func testAPrivateNoteIsLabelledAndNeverOnTheHandout() throws {
        let s = Session()
        s.onShortlist()
        s.press(.char("E"))
        XCTAssertTrue(s.text.contains("private: not printed"), "the box says the note is private")
        s.type("daughter rings Fridays")
        s.press(.enter, .char("e"))
        s.type("ask for Sue")
        s.press(.enter)
        XCTAssertEqual(s.state.person.shortlist.items[0].privateNote, "daughter rings Fridays")
        XCTAssertTrue(s.text.contains("Private, not printed: daughter rings"), "shown, labelled:\n\(s.text)")
        XCTAssertTrue(s.text.contains("Note: ask for Sue"), "the note for the person is shown too")
        s.assertSnapshot("shortlist-two-notes")
        for (n, format) in Handout.Format.allCases.enumerated() {
            s.press(.char("x"), .char(Character(String(n + 1))))
            s.program.settle()
            let path = try XCTUnwrap(s.state.person.handoutPath)
            XCTAssertTrue(path.hasSuffix("." + format.fileExtension), "\(format) written to \(path)")
            let written = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertTrue(written.contains("ask for Sue"), "the note for the person is on the \(format) handout")
            XCTAssertFalse(written.contains("daughter"), "the private note is not on the \(format) handout")
        }
    }

    func testTheHandoutKnowsWhereThePersonLivesAndWhatTheyNeed() throws {
        let s = Session.needsWithSuggestions()
        XCTAssertFalse(s.state.needs.match?.suggestions.isEmpty ?? true, "the match found suggestions")
        s.press(.char("s"), .function(6), .char("x"), .char("1"))
        s.program.settle()
        let written = try String(contentsOfFile: try XCTUnwrap(s.state.person.handoutPath), encoding: .utf8)
        XCTAssertTrue(written.contains("I live in Radstock."), "what to say carries the person's place:\n\(written)")
    }

    func testSaveAsATakenNameIsRefusedAndTheListKeepsItsName() throws {
        let path = Repo.tempDir() + "/w.sqlite"
        let store = try Store(path: path)
        try store.saveShortlist(Shortlist(name: "Taken", items: [Shortlist.Item(serviceID: "someone-else")]))
        let s = Session(store: store)
        if case .prompt? = s.state.overlay { s.press(.char("2")) }
        s.onShortlist()
        let name = s.state.person.shortlist.name
        s.press(.char("r"), .ctrl("u"))
        s.type("Taken")
        s.press(.enter)
        XCTAssertTrue(s.text.contains("already called"), "the refusal says why: \(s.state.message?.text ?? "")")
        XCTAssertEqual(s.state.person.shortlist.name, name, "the list keeps its own name")
        s.press(.char("e"))
        s.type("ask for Sue")
        s.press(.enter)
        XCTAssertEqual(try store.loadShortlist(named: "Taken")?.items.map(\.serviceID), ["someone-else"], "the other list is untouched")
        XCTAssertEqual(try store.loadShortlist(named: name)?.items.first?.note, "ask for Sue", "edits still go to this list")
    }

    func testANewPersonsListIsNamedByTheStoreAndTheLastOneIsKept() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        let s = Session(store: store)
        s.onShortlist()
        let old = s.state.person.shortlist.name
        s.press(.ctrl("n"), .char("1"))
        XCTAssertEqual(s.state.person.shortlist.name, "List 24 November 2026")
        XCTAssertTrue(s.state.person.shortlist.items.isEmpty)
        XCTAssertEqual(try store.loadShortlist(named: old)?.items.count, 1, "the last person's list is kept")
        s.onShortlist()
        s.press(.ctrl("n"), .char("1"))
        XCTAssertEqual(s.state.person.shortlist.name, "List 24 November 2026 (2)", "never a saved list's name")
        XCTAssertEqual(try store.loadShortlist(named: "List 24 November 2026")?.items.count, 1)
    }

    func testTheStartOfferNamesTheLastListWithServices() throws {
        let path = Repo.tempDir() + "/w.sqlite"
        let store = try Store(path: path)
        try store.saveShortlist(Shortlist(name: "Visit 2", items: [Shortlist.Item(serviceID: "a"), Shortlist.Item(serviceID: "b")]))
        try store.saveShortlist(Shortlist(name: "Empty one"))
        let s = Session(store: try Store(path: path))
        XCTAssertTrue(s.text.contains("\"Visit 2\", 2 services, changed"), "the offer is for the last list with services:\n\(s.text)")
        s.press(.char("1"))
        XCTAssertEqual(s.state.person.shortlist.name, "Visit 2")
    }
}
