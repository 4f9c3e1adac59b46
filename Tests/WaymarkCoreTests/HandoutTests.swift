import XCTest
@testable import WaymarkCore

final class HandoutTests: XCTestCase {
    let now = at("2026-11-24", "10:30")

    func entries() -> [Handout.Entry] {
        let services = RoundTripTests.bundledDirectory.services
        let lunch = services.first { $0.name == "Saltford Lunch Club" }!
        let nurse = services.first { $0.has("gp-referral", in: .referral) && !$0.has("self-referral", in: .referral) }!
        return [Handout.Entry(service: lunch, organisation: "Keynsham & Saltford Together", note: "ask for Sue"),
                Handout.Entry(service: nurse, organisation: "Sirona", note: "")]
    }

    func testPlainTextSaysWhatAPersonNeedsToAct() {
        let text = Handout(entries: entries(), firstName: nil, now: now, sampleData: true, taxonomy: Repo.taxonomy).render(.text)
        XCTAssertTrue(text.hasPrefix("Services to contact\nMade on 24 November 2026"))
        for part in ["1. Saltford Lunch Club", "Note: ask for Sue", "How to contact:", "Phone 01632 960560", "When and where:",
                     "Thu 12:00–14:00", "Getting there:", "Cost:", "£6.50", "When you call:", "You can refer yourself.",
                     "You need a GP referral first"] {
            let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(flat.contains(part), part)
        }
        XCTAssertTrue(text.contains("SAMPLE DATA"), "the footer carries the sample-data notice")
        XCTAssertTrue(text.split(separator: "\n").allSatisfy { ColumnWidth.of(String($0)) <= 72 })
    }

    func testFirstNameOnlyWhenTypedAndNoticeOnlyForSampleData() {
        let named = Handout(entries: entries(), firstName: "  Ann ", now: now, sampleData: false, taxonomy: Repo.taxonomy).render(.text)
        XCTAssertTrue(named.hasPrefix("Services for Ann\n"))
        XCTAssertFalse(named.contains("SAMPLE DATA"))
        let blank = Handout(entries: entries(), firstName: "   ", now: now, sampleData: false, taxonomy: Repo.taxonomy).render(.text)
        XCTAssertTrue(blank.hasPrefix("Services to contact\n"))
    }

    func testLargePrintIsShortLinedAndCapitalisedHeadings() {
        let text = Handout(entries: entries(), firstName: nil, now: now, sampleData: true, taxonomy: Repo.taxonomy).render(.largePrint)
        XCTAssertTrue(text.hasPrefix("SERVICES TO CONTACT"))
        XCTAssertTrue(text.contains("HOW TO CONTACT:"))
        XCTAssertTrue(text.split(separator: "\n").allSatisfy { ColumnWidth.of(String($0)) <= 40 })
    }

    func testHTMLIsPrintReadyWithNoScriptsAndEscapesData() {
        var e = entries()
        e[0].note = "<script>alert('x')</script> & co"
        let html = Handout(entries: e, firstName: "Zoë <b>", now: now, sampleData: true, taxonomy: Repo.taxonomy).render(.html)
        XCTAssertTrue(html.contains("size: A4"))
        XCTAssertFalse(html.lowercased().contains("<script"), "no scripts, even from data")
        XCTAssertTrue(html.contains("&lt;script&gt;"))
        XCTAssertTrue(html.contains("Services for Zoë &lt;b&gt;"))
        XCTAssertTrue(html.contains("<footer>SAMPLE DATA"))
    }

    func testMarkdownEscapesData() {
        var e = entries()
        e[0].note = "*bold* [link](x)"
        let md = Handout(entries: e, firstName: nil, now: now, sampleData: false, taxonomy: Repo.taxonomy).render(.markdown)
        XCTAssertTrue(md.hasPrefix("# Services to contact"))
        XCTAssertTrue(md.contains("\\*bold\\* \\[link\\]\\(x\\)"))
    }

    func testWrittenOwnerOnlyNamedByDateNeverByPerson() throws {
        let home = Repo.tempDir()
        XCTAssertEqual(Handout.folder(home: home, currentDirectory: "/cwd"), "/cwd", "no Documents folder: the current one")
        try FileManager.default.createDirectory(atPath: home + "/Documents", withIntermediateDirectories: true)
        let folder = Handout.folder(home: home, currentDirectory: "/cwd")
        XCTAssertEqual(folder, home + "/Documents/waymark")
        let h = Handout(entries: entries(), firstName: "Ann", now: now, sampleData: true, taxonomy: Repo.taxonomy)
        let first = try h.write(.html, folder: folder)
        let second = try h.write(.html, folder: folder)
        XCTAssertEqual((first as NSString).lastPathComponent, "waymark-handout-2026-11-24.html")
        XCTAssertEqual((second as NSString).lastPathComponent, "waymark-handout-2026-11-24-2.html", "never overwrites")
        let mode = try FileManager.default.attributesOfItem(atPath: first)[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o077, 0)
    }

    func testShortlistsAreKeptUnderTheirNames() throws {
        let store = try Store(path: Repo.tempDir() + "/w.sqlite")
        var list = Shortlist(name: "Mrs B")
        list.toggle("a"); list.toggle("b"); list.toggle("c"); list.toggle("b")
        XCTAssertEqual(list.items.map(\.serviceID), ["a", "c"])
        list.items[1].note = "ask for Sue"
        _ = list.move(from: 1, by: -1)
        try store.saveShortlist(list)
        try store.saveShortlist(Shortlist(name: "Later", items: [.init(serviceID: "z")]))
        XCTAssertEqual(try store.loadShortlist(named: "Mrs B"), Shortlist(name: "Mrs B", items: [.init(serviceID: "c", note: "ask for Sue"), .init(serviceID: "a")]))
        try store.renameShortlist("Mrs B", to: "Visit 2")
        XCTAssertNil(try store.loadShortlist(named: "Mrs B"))
        XCTAssertEqual(try store.loadShortlist(named: "Visit 2")?.items.count, 2)
        XCTAssertEqual(Set(try store.shortlistNames()), ["Later", "Visit 2"])
    }
}
