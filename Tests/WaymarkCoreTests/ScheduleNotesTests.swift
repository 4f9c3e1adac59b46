import XCTest
@testable import WaymarkCore

/// HSDS schedules carry `notes` ("Term time only", "Closed on bank holidays"). They are read,
/// kept through the store, shown beside the times (detail and handout) and written out again.
/// The record is the Open Referral UK validator's own conforming feed example.
final class ScheduleNotesTests: XCTestCase {
    let said = "Some of our staff will be unavailable during their lunch break which may be any 30 minute period between 1200 and 1400"

    func batch() -> ImportBatch { HSDSReader(taxonomy: Repo.taxonomy).read(paths: [Repo.interop + "/oruk-feed-good/service_full.json"]) }
    func service() -> Service { batch().services[0] }
    func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    func testImportReadsAScheduleNotes() {
        XCTAssertEqual(batch().errors, [])
        XCTAssertEqual(service().schedules.first?.notes, said)
    }

    func testTheStoreKeepsThem() throws {
        let store = try Store(path: Repo.tempDir() + "/notes.sqlite")
        try store.apply(batch(), source: "import")
        let kept = try store.loadDirectory().services.first { $0.name == "Community Counselling" }
        XCTAssertEqual(kept?.schedules.first?.notes, said, "the packed form carries the notes")
    }

    func testTheDetailAndTheHandoutShowThemBesideTheTimes() {
        let s = service(), now = at("2026-11-24", "10:30")
        let card = ServiceCard(taxonomy: Repo.taxonomy, now: now).sections(s, organisation: nil)
        let hours = card.first { $0.title == "Hours" }?.lines ?? []
        XCTAssertTrue(hours.contains { $0.contains("10:00–18:00") && $0.contains("(\(said))") }, "beside the times: \(hours)")
        let handout = Handout(entries: [Handout.Entry(service: s, organisation: "", note: "")], firstName: nil, now: now,
                              sampleData: false, taxonomy: Repo.taxonomy).render(.text)
        let usual = "Usually: " + flat(s.schedules[0].summaryWithNotes)
        XCTAssertTrue(usual.hasPrefix("Usually: Thu, Fri 10:00–18:00") && usual.hasSuffix("(\(said))"), usual)
        XCTAssertTrue(flat(handout).contains(usual), flat(handout))
    }

    func testExportWritesThemAgain() {
        let written = HSDSWriter(taxonomy: Repo.taxonomy).service(service(), organisation: nil)
        guard case .array(let schedules)? = written["schedules"] else { return XCTFail("no schedules written") }
        XCTAssertEqual(schedules.first?["notes"], .string(said), "Waymark's own export, with no source record laid over it")
    }

    func testNotesAboutBankHolidaysDecideThem() {
        var weekdays = Schedule(id: "s", freq: .weekly, byday: ByDay.parseList("MO,TU,WE,TH,FR")!, opensAt: TimeOfDay(minutes: 600), closesAt: TimeOfDay(minutes: 720))
        XCTAssertEqual(weekdays.bankHolidays, .closed)
        weekdays.notes = "Open on bank holidays as usual"
        XCTAssertEqual(weekdays.bankHolidays, .open)
        var everyDay = Schedule(id: "t", freq: .weekly, byday: ByDay.parseList("MO,TU,WE,TH,FR,SA,SU")!, opensAt: TimeOfDay(minutes: 600))
        everyDay.notes = "Closed on bank holidays"
        XCTAssertEqual(everyDay.bankHolidays, .closed)
    }
}
