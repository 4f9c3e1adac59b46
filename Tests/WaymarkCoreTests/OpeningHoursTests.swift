import XCTest
@testable import WaymarkCore

/// "Is it open now?" and "When does it next open?", at the awkward edges.
final class OpeningHoursTests: XCTestCase {
    // 2026-11-24 is a Tuesday.
    func weekly(_ byday: String, _ open: String, _ close: String, validTo: String? = nil) -> Schedule {
        Schedule(id: "s", freq: .weekly, byday: ByDay.parseList(byday)!, opensAt: TimeOfDay(iso: open), closesAt: TimeOfDay(iso: close),
                 validTo: validTo.flatMap { LocalDate(iso: $0) })
    }

    func testWeekdayHours() {
        let hours = OpeningHours([weekly("MO,TU,WE,TH,FR", "09:00", "17:00")])
        XCTAssertEqual(hours.isOpen(at: at("2026-11-24", "10:00")), true)
        XCTAssertEqual(hours.isOpen(at: at("2026-11-24", "17:00")), false, "closing time itself is closed")
        XCTAssertEqual(hours.isOpen(at: at("2026-11-24", "08:59")), false)
        XCTAssertEqual(hours.nextOpening(after: at("2026-11-24", "18:00")), at("2026-11-25", "09:00"))
    }

    func testSessionPastMidnight() {
        // A Friday-night line from 20:00 to 02:00.
        let hours = OpeningHours([weekly("FR", "20:00", "02:00")])
        XCTAssertEqual(hours.isOpen(at: at("2026-11-27", "23:30")), true)
        XCTAssertEqual(hours.isOpen(at: at("2026-11-28", "01:30")), true, "Saturday 01:30 is still Friday's session")
        XCTAssertEqual(hours.isOpen(at: at("2026-11-28", "02:00")), false)
        XCTAssertEqual(hours.isOpen(at: at("2026-11-27", "01:30")), false, "Friday early morning belongs to Thursday, which has no session")
    }

    func testSundayAndWeekWrap() {
        let hours = OpeningHours([weekly("SU", "10:00", "12:00")])
        XCTAssertEqual(hours.isOpen(at: at("2026-11-29", "11:00")), true)
        XCTAssertEqual(hours.nextOpening(after: at("2026-11-29", "12:30")), at("2026-12-06", "10:00"))
        XCTAssertEqual(hours.status(at: at("2026-11-24", "12:00")), "next open Sun 10:00")
    }

    func testMonthlySecondTuesday() {
        let s = Schedule(id: "m", freq: .monthly, byday: ByDay.parseList("2TU")!, opensAt: TimeOfDay(iso: "14:00"), closesAt: TimeOfDay(iso: "16:00"))
        let hours = OpeningHours([s])
        XCTAssertEqual(hours.isOpen(at: at("2026-12-08", "15:00")), true, "8 December 2026 is the second Tuesday")
        XCTAssertEqual(hours.isOpen(at: at("2026-12-01", "15:00")), false, "the first Tuesday is not")
        XCTAssertEqual(hours.nextOpening(after: at("2026-12-08", "16:30")), at("2027-01-12", "14:00"))
        XCTAssertEqual(s.summary, "2nd Tue of the month 14:00–16:00")
    }

    func testLastFridayOfMonth() {
        let s = Schedule(id: "m", freq: .monthly, byday: ByDay.parseList("-1FR")!, opensAt: TimeOfDay(iso: "10:00"), closesAt: TimeOfDay(iso: "11:00"))
        XCTAssertEqual(OpeningHours([s]).nextOpening(after: at("2026-11-01", "00:00")), at("2026-11-27", "10:00"))
    }

    func testValidToInThePast() {
        let hours = OpeningHours([weekly("MO,TU,WE,TH,FR", "09:00", "17:00", validTo: "2026-09-05")])
        XCTAssertEqual(hours.isOpen(at: at("2026-11-24", "10:00")), false)
        XCTAssertNil(hours.nextOpening(after: at("2026-11-24", "10:00")))
        XCTAssertEqual(hours.status(at: at("2026-11-24", "10:00")), "no upcoming opening")
    }

    func testAlwaysOpenAndByAppointment() {
        let always = Schedule(id: "a", freq: .weekly, byday: ByDay.parseList("MO,TU,WE,TH,FR,SA,SU")!, opensAt: TimeOfDay(iso: "00:00"), closesAt: TimeOfDay(iso: "23:59"))
        XCTAssertEqual(OpeningHours([always]).isOpen(at: at("2026-11-29", "23:59")), true)
        XCTAssertEqual(always.summary, "24 hours, every day")
        let appointment = Schedule(id: "b", description: "Home visits by appointment.")
        XCTAssertNil(OpeningHours([appointment]).isOpen(at: at("2026-11-24", "10:00")))
        XCTAssertEqual(OpeningHours([appointment]).status(at: at("2026-11-24", "10:00")), "by appointment")
    }

    func testLondonClockChange() {
        // 29 March 2026 01:00 UTC the clocks go forward: 10:00 UTC on 30 March is 11:00 in Bath.
        let instant = Date(timeIntervalSince1970: 1_774_864_800) // 2026-03-30T10:00:00Z
        XCTAssertEqual(LocalDateTime(instant, in: .london), at("2026-03-30", "11:00"))
        XCTAssertEqual(at("2026-03-30", "11:00").instant(in: .london), instant)
    }

    func testAgeEligibilityEdges() {
        // The rule production uses (search and match both ask the index), not a copy of it.
        let s = sampleService(minAge: 18, maxAge: 65)
        let index = Tiny.index([s, sampleService(id: "svc-2")])
        XCTAssertFalse(index.admits(0, age: 17))
        XCTAssertTrue(index.admits(0, age: 18))
        XCTAssertTrue(index.admits(0, age: 65))
        XCTAssertFalse(index.admits(0, age: 66))
        XCTAssertTrue(index.admits(1, age: 101), "no limits admits anyone")
        var f = SearchFilters()
        f.age = 66
        f.statuses = Set(ServiceStatus.allCases)
        XCTAssertEqual(index.search("", filters: f).hits.map(\.doc), [1], "search keeps to the same rule")
        XCTAssertEqual(s.eligibility.ageSummary, "Ages 18 to 65")
    }

    func testMalformedByDayIsRejected() {
        XCTAssertNil(ByDay.parseList("MO,XX"))
        XCTAssertNil(ByDay.parseList("9TU"))
        XCTAssertEqual(ByDay.parseList("1TU,-1FR")?.map(\.description), ["1TU", "-1FR"])
    }
}
