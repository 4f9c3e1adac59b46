/// Bank holidays in England (the directory is in Bath), computed rather than listed, so the
/// program never runs out of years: the eight regular days, Easter by the Gregorian computus,
/// and a substitute weekday when a fixed day falls at a weekend. One-off days set by royal
/// proclamation cannot be computed; they are the table `proclaimed`.
public enum BankHolidays {
    public struct Holiday: Equatable, Sendable {
        public let date: LocalDate
        public let name: String
    }

    /// Days moved or added by proclamation since 1995, as gov.uk lists them.
    static let proclaimed: [Int: (moved: [(from: LocalDate, to: LocalDate)], extra: [Holiday])] = [
        1995: ([(d(1995, 5, 1), d(1995, 5, 8))], []),
        1999: ([], [Holiday(date: d(1999, 12, 31), name: "Millennium Eve")]),
        2002: ([(d(2002, 5, 27), d(2002, 6, 4))], [Holiday(date: d(2002, 6, 3), name: "Golden Jubilee bank holiday")]),
        2011: ([], [Holiday(date: d(2011, 4, 29), name: "Royal wedding bank holiday")]),
        2012: ([(d(2012, 5, 28), d(2012, 6, 4))], [Holiday(date: d(2012, 6, 5), name: "Diamond Jubilee bank holiday")]),
        2020: ([(d(2020, 5, 4), d(2020, 5, 8))], []),
        2022: ([(d(2022, 5, 30), d(2022, 6, 2))], [Holiday(date: d(2022, 6, 3), name: "Platinum Jubilee bank holiday"),
                                                   Holiday(date: d(2022, 9, 19), name: "State Funeral of Queen Elizabeth II")]),
        2023: ([], [Holiday(date: d(2023, 5, 8), name: "Coronation bank holiday")]),
    ]

    private static func d(_ y: Int, _ m: Int, _ day: Int) -> LocalDate { LocalDate(year: y, month: m, day: day) }

    /// Easter Sunday (the anonymous Gregorian algorithm, as in Meeus).
    public static func easterSunday(year y: Int) -> LocalDate {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: y, month: month, day: day)
    }

    /// The `n`th `weekday` (0 = Monday) of a month; n = -1 is the last.
    static func nth(_ n: Int, _ weekday: Int, month: Int, year: Int) -> LocalDate {
        if n > 0 {
            let first = LocalDate(year: year, month: month, day: 1)
            return first.adding(days: (weekday - first.weekday + 7) % 7 + (n - 1) * 7)
        }
        let last = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))
        return last.adding(days: -((last.weekday - weekday + 7) % 7))
    }

    /// England's bank holidays in `year`, in date order.
    public static func england(year: Int) -> [Holiday] {
        let easter = easterSunday(year: year)
        var days = [Holiday(date: easter.adding(days: -2), name: "Good Friday"),
                    Holiday(date: easter.adding(days: 1), name: "Easter Monday"),
                    Holiday(date: nth(1, 0, month: 5, year: year), name: "Early May bank holiday"),
                    Holiday(date: nth(-1, 0, month: 5, year: year), name: "Spring bank holiday"),
                    Holiday(date: nth(-1, 0, month: 8, year: year), name: "Summer bank holiday")]
        let fixed = [Holiday(date: d(year, 1, 1), name: "New Year's Day"), Holiday(date: d(year, 12, 25), name: "Christmas Day"),
                     Holiday(date: d(year, 12, 26), name: "Boxing Day")]
        days += fixed.filter { $0.date.weekday < 5 }
        // A fixed day at a weekend moves to the next weekday that is not already a holiday
        // (Christmas on a Saturday: Monday 27th; Boxing Day on the Sunday: Tuesday 28th).
        for day in fixed where day.date.weekday >= 5 {
            var sub = day.date.adding(days: 1)
            while sub.weekday >= 5 || days.contains(where: { $0.date == sub }) { sub = sub.adding(days: 1) }
            days.append(Holiday(date: sub, name: day.name + " (substitute day)"))
        }
        if let special = proclaimed[year] {
            for move in special.moved {
                if let i = days.firstIndex(where: { $0.date == move.from }) { days[i] = Holiday(date: move.to, name: days[i].name) }
            }
            days += special.extra
        }
        return days.sorted { $0.date < $1.date }
    }

    /// Years worked out once, since "open now" asks for every service on every redraw.
    static let cachedYears = 1995...2100
    static let cache: [Int: [Holiday]] = Dictionary(uniqueKeysWithValues: cachedYears.map { ($0, england(year: $0)) })

    /// The bank holiday on `date`, if it is one.
    public static func holiday(on date: LocalDate) -> Holiday? {
        (cache[date.year] ?? england(year: date.year)).first { $0.date == date }
    }

    /// Every bank holiday, proclaimed ones included, falls on a weekday: weekends are answered at once.
    public static func isBankHoliday(_ date: LocalDate) -> Bool { date.weekday < 5 && holiday(on: date) != nil }
}

/// Whether a schedule's sessions run on a bank holiday: a closed set, settled from the record.
public enum BankHolidayOpening: Sendable, Equatable {
    /// The record says so, or the service opens at weekends too.
    case open
    /// A weekday service, and the record does not say it opens on bank holidays.
    case closed
}

extension Schedule {
    /// A weekday service is closed on a bank holiday unless its record says otherwise: a
    /// description or notes that say it opens on bank holidays, a session dated for that one day, or
    /// hours that include a Saturday or Sunday (a service that opens at weekends is taken to
    /// open on holidays too, as the 24-hour lines do).
    public var bankHolidays: BankHolidayOpening {
        let said = [description, notes].compactMap { $0?.lowercased() }.joined(separator: " ")
        if said.contains("bank holiday") {
            let closedWords = ["closed", "not open", "except", "excluding", "apart from", "no session"]
            return closedWords.contains(where: said.contains) ? .closed : .open
        }
        if let from = validFrom, from == validTo { return .open }
        if !bymonthday.isEmpty && byday.isEmpty { return .open }
        if byday.isEmpty { return .open } // every day
        return byday.contains { $0.weekday >= 5 } ? .open : .closed
    }
}
