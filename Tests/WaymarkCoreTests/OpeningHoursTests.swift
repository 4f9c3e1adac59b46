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

    // MARK: trap 12: the date when it is not this week, and bank holidays

    func testASessionFourWeeksAwayShowsItsDate() {
        // The last Thursday of the month, 14:00. Seen on Thursday 3 December 2026 after it has closed.
        let s = Schedule(id: "m", freq: .monthly, byday: ByDay.parseList("-1TH")!, opensAt: TimeOfDay(iso: "14:00"), closesAt: TimeOfDay(iso: "16:00"))
        let hours = OpeningHours([s])
        XCTAssertEqual(hours.status(at: at("2026-12-03", "17:00")), "next open Thu 31 Dec, 14:00", "four weeks away: the date, not just Thu")
        XCTAssertEqual(hours.status(at: at("2026-12-24", "09:00")), "next open Thu 31 Dec, 14:00", "exactly seven days away still needs the date")
        XCTAssertEqual(hours.status(at: at("2026-12-25", "09:00")), "next open Thu 14:00", "within six days the weekday is enough")
        XCTAssertEqual(hours.status(at: at("2026-12-31", "09:00")), "opens today 14:00")
        XCTAssertEqual(at("2027-06-03", "14:00").whenText(from: at("2026-11-24", "10:00")), "Thu 3 Jun 2027, 14:00", "more than half a year off: the year too")
        XCTAssertEqual(hours.nextSession(after: at("2026-12-03", "17:00"))?.longText, "Thursday 31 December 2026, 14:00 to 16:00")
    }

    func testEasterSundayInKnownYears() {
        let known = [2019: "2019-04-21", 2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28",
                     2028: "2028-04-16", 2038: "2038-04-25", 2285: "2285-03-22"]
        for (year, date) in known { XCTAssertEqual(BankHolidays.easterSunday(year: year).description, date, "\(year)") }
    }

    /// The dates gov.uk publishes for England and Wales.
    func testBankHolidaysInEnglandMatchGovUK() {
        func days(_ y: Int) -> [String] { BankHolidays.england(year: y).map(\.date.description) }
        XCTAssertEqual(days(2025), ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"])
        XCTAssertEqual(days(2026), ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"],
                       "Boxing Day 2026 is a Saturday: Monday 28th instead")
        XCTAssertEqual(days(2027), ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"],
                       "Christmas on a Saturday and Boxing Day on a Sunday: Monday 27th and Tuesday 28th")
        XCTAssertEqual(days(2022), ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
                                    "2022-12-26", "2022-12-27"], "2022: New Year substitute, the Jubilee's moved and extra days, the State Funeral")
        XCTAssertEqual(BankHolidays.holiday(on: LocalDate(year: 2026, month: 12, day: 28))?.name, "Boxing Day (substitute day)")
        XCTAssertFalse(BankHolidays.isBankHoliday(LocalDate(year: 2026, month: 12, day: 26)), "the Saturday itself is not the holiday")
    }

    func testAWeekdayServiceIsClosedOnABankHoliday() {
        let hours = OpeningHours([weekly("MO,TU,WE,TH,FR", "09:00", "17:00")])
        XCTAssertEqual(hours.isOpen(at: at("2026-08-31", "10:00")), false, "Summer bank holiday 2026")
        XCTAssertEqual(hours.status(at: at("2026-08-31", "10:00")), "closed today (bank holiday), next open Tue 09:00")
        XCTAssertEqual(hours.nextOpening(after: at("2026-12-24", "18:00")), at("2026-12-29", "09:00"), "past Christmas Day and Boxing Day's Monday")
        XCTAssertEqual(hours.nextOpening(after: at("2027-03-25", "18:00")), at("2027-03-30", "09:00"), "past Good Friday and Easter Monday 2027")
        XCTAssertEqual(hours.isOpen(at: at("2026-09-01", "10:00")), true, "the day after is an ordinary day")
    }

    func testTheRecordCanSayItOpensOnBankHolidays() {
        var said = weekly("MO,TU,WE,TH,FR", "09:00", "17:00")
        said.description = "Open on bank holidays."
        XCTAssertEqual(OpeningHours([said]).isOpen(at: at("2026-08-31", "10:00")), true)
        let everyDay = weekly("MO,TU,WE,TH,FR,SA,SU", "10:00", "16:00")
        XCTAssertEqual(OpeningHours([everyDay]).isOpen(at: at("2026-08-31", "10:00")), true, "open at weekends: taken to open on holidays")
        var closedSaid = everyDay
        closedSaid.description = "Closed on bank holidays."
        XCTAssertEqual(OpeningHours([closedSaid]).isOpen(at: at("2026-08-31", "10:00")), false)
        let oneOff = Schedule(id: "o", freq: .weekly, byday: ByDay.parseList("MO")!, opensAt: TimeOfDay(iso: "10:00"), closesAt: TimeOfDay(iso: "12:00"),
                              validFrom: LocalDate(iso: "2026-08-31"), validTo: LocalDate(iso: "2026-08-31"))
        XCTAssertEqual(OpeningHours([oneOff]).isOpen(at: at("2026-08-31", "11:00")), true, "a session dated for that very day runs")
    }
}
